using Nigehban.Web.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.ServeToken;

public sealed record ServeTokenCommand(string? Reference, bool NoShow = false);

/// <summary>Finishes a called token: served (with the application reference taken, if any) or a no-show.</summary>
public sealed class ServeTokenHandler(NigehbanDbContext db, QueueDesk desk, QueueChanges changes)
{
    public async Task<TokenView> HandleAsync(string unitCode, Guid tokenId, ServeTokenCommand command, CancellationToken cancellationToken)
    {
        var centre = desk.Centre(unitCode);
        var token = await db.Set<QueueToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.UnitCode == centre.Code, cancellationToken)
            ?? throw new NotFoundException("token", ServiceCentreErrors.Text("Token.Unknown"));
        if (token.Status != TokenStatus.Called)
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Token.NotCalled", token.Display, token.Status));
        }

        token.Status = command.NoShow ? TokenStatus.NoShow : TokenStatus.Served;
        token.ServedAt = desk.Now;
        token.ServiceRequestReference = await ServedApplicationAsync(centre, command.Reference, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The status is a concurrency token: another desk finished this token first, and its answer stands.
            throw new RuleViolationException($"Token {token.Display} was finished at another desk at the same moment; only a called token can be served.");
        }

        changes.Changed(centre.Code);
        return QueueDesk.View(token);
    }

    /// <summary>
    /// A served token names an application of this centre, or nothing: a typo (its check character
    /// fails) or another centre's application answers 404 naming the field, as an unknown one does.
    /// </summary>
    private async Task<string?> ServedApplicationAsync(UnitInfo centre, string? reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var canonical = ServiceRequest.CanonicalReference(reference);
        return await db.Set<ServiceRequest>().AnyAsync(r => r.Reference == canonical && r.UnitCode == centre.Code, cancellationToken)
            ? canonical
            : throw new NotFoundException("reference", ServiceCentreErrors.Text("Request.NotOfCentre", centre.Name));
    }
}
