using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.RecordArrest;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.RecordCourtProduction;

/// <param name="ProducedAt">When the arrested person was produced before a court; now when left out.</param>
public sealed record RecordCourtProductionCommand(DateTimeOffset? ProducedAt = null);

/// <summary>
/// Records that an arrested person was produced in court: the custody clock stops, and the custody
/// sweep no longer watches the arrest. Once only (a second time: 409); at any stage of the case.
/// </summary>
public sealed class RecordCourtProductionHandler(NigehbanDbContext db, CaseWork work)
{
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<ArrestView> HandleAsync(string reference, Guid arrestId, RecordCourtProductionCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        var arrest = await db.Set<FirArrest>().SingleOrDefaultAsync(a => a.Id == arrestId && a.FirId == fir.Id, cancellationToken)
            ?? throw new NotFoundException("id", CasesErrors.Text("Arrest.NotFound"));
        var now = work.Now;
        var at = command.ProducedAt?.ToMicroseconds() ?? now;
        if (at > now + ClockTolerance || at < arrest.CustodyStartedAt)
        {
            throw new ValidationFailedException("producedAt", CasesErrors.Text("Arrest.ProducedAt"));
        }

        if (arrest.ProducedInCourtAt is not null)
        {
            throw new RuleViolationException(CasesErrors.Text("Arrest.AlreadyProduced", arrest.PersonName));
        }

        arrest.ProducedInCourtAt = at;
        db.Audit.Record(new AuditEntry("fir.arrest-produced", nameof(Fir), fir.Reference,
            Details: $"{arrest.PersonName} produced in court{(at > arrest.ProduceBy ? " after the custody limit" : "")}", UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return RecordArrestHandler.View(arrest);
    }
}
