using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.IssueToken;

public sealed record IssueTokenCommand(string? ServiceCode);

/// <summary>
/// Issues the next token to a citizen on arrival. Numbering restarts each local day; a unique index
/// keeps two desks from issuing the same number.
/// </summary>
public sealed class IssueTokenHandler(NigehbanDbContext db, QueueDesk desk, QueueChanges changes, ServiceCatalogue catalogue)
{
    public async Task<TokenView> HandleAsync(string unitCode, IssueTokenCommand command, CancellationToken cancellationToken)
    {
        var centre = desk.Centre(unitCode);
        if (command.ServiceCode is not null && catalogue.Find(command.ServiceCode) is null)
        {
            throw new ValidationFailedException("serviceCode", ServiceCentreErrors.Text("Service.Unknown", command.ServiceCode));
        }

        var now = desk.Now;
        var day = desk.LocalDay(now);
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.Set<QueueToken>().Where(t => t.UnitCode == centre.Code && t.Day == day).MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0;
            var token = new QueueToken
            {
                Id = Guid.CreateVersion7(),
                UnitCode = centre.Code,
                UnitPath = centre.Path,
                Day = day,
                Number = last + 1,
                ServiceCode = command.ServiceCode,
                Status = TokenStatus.Waiting,
                IssuedAt = now,
            };
            db.Add(token);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                changes.Changed(centre.Code);
                return QueueDesk.View(token);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another desk took this number at the same moment: take the next one.
                db.Entry(token).State = EntityState.Detached;
            }
        }
    }
}
