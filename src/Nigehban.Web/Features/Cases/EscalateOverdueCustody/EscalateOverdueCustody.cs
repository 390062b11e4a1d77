using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.EscalateOverdueCustody;

/// <summary>
/// Arrested persons still in custody after the pack's legal limit, not yet produced in court: the
/// station's supervisors (its SHO and the SDPO above it) are alerted at once, once per arrest. It runs
/// inside the cases module's overdue sweep (<c>EscalateOverdueStagesHandler</c>): no timer of its own.
/// </summary>
public sealed class EscalateOverdueCustodyHandler(NigehbanDbContext db, CaseWork work, UnitDirectory units)
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = work.Now;
        var due = await db.Set<FirArrest>()
            .Where(a => a.ProducedInCourtAt == null && a.CustodyOverdueAlertedAt == null && a.ProduceBy < now)
            .OrderBy(a => a.ProduceBy)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var arrest in due)
        {
            arrest.CustodyOverdueAlertedAt = now;
            var payload = new
            {
                type = "custody-overdue",
                reference = arrest.Reference,
                arrest = arrest.Id,
                person = arrest.PersonName,
                unit = arrest.UnitCode,
                custodyStartedAt = arrest.CustodyStartedAt,
                produceBy = arrest.ProduceBy,
            };
            // A legal limit passed: both supervisors at once, not one after the other as for a stage.
            foreach (var recipient in new[] { OverdueSweeps.InChargeRecipient(units, arrest.UnitCode, 1), OverdueSweeps.InChargeRecipient(units, arrest.UnitCode, 2) }.Distinct())
            {
                Outbox.Enqueue(db, OutboxKinds.Alert, recipient, payload, now);
            }

            db.Audit.Record(new AuditEntry("fir.custody-overdue", nameof(Fir), arrest.Reference,
                Details: $"{arrest.PersonName}: custody since {arrest.CustodyStartedAt:O}, due in court by {arrest.ProduceBy:O}", UnitPath: arrest.UnitPath), actorName: "system");
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
