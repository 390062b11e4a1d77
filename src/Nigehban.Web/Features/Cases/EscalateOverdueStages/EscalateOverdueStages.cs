using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.EscalateOverdueCustody;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.EscalateOverdueStages;

/// <summary>
/// FIRs whose stage is past the pack's deadline: the first time the station's SHO is alerted, and if
/// the stage is still unmet after the pack's <c>supervisorEscalationAfter</c>, the SDPO, once. A new
/// stage starts its clock again. The same sweep alerts on arrested persons kept past the custody limit
/// (<see cref="EscalateOverdueCustodyHandler"/>). The platform's overdue-sweep watcher runs it (<c>Cases:EscalationInterval</c>).
/// </summary>
public sealed class EscalateOverdueStagesHandler(NigehbanDbContext db, JurisdictionScope scope, CaseWork work, UnitDirectory units, EscalateOverdueCustodyHandler custody) : IOverdueSweep
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        scope.Unrestricted("FIR stage escalation is force-wide background work");
        var now = work.Now;
        var due = await db.Set<Fir>()
            .Where(f => f.NextEscalationAt != null && f.NextEscalationAt < now)
            .OrderBy(f => f.NextEscalationAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var fir in due)
        {
            fir.Escalate(fir.EscalationLevel == 0 ? work.SupervisorDueAt(now) : null);
            Outbox.Enqueue(db, OutboxKinds.Alert, OverdueSweeps.InChargeRecipient(units, fir.UnitCode, fir.EscalationLevel),
                new
                {
                    type = fir.EscalationLevel == 1 ? "fir-stage-overdue" : "fir-stage-overdue-supervisor",
                    reference = fir.Reference,
                    firNumber = fir.FirNumber,
                    stage = fir.Status.ToString(),
                    unit = fir.UnitCode,
                    officer = fir.InvestigatingOfficerUserName,
                    dueAt = fir.StageDueAt,
                },
                now);
            work.Event(fir, fir.EscalationLevel == 1 ? FirEventKind.EscalatedToStation : FirEventKind.EscalatedToSupervisor, fir.Status.ToString(), actor: "system");
            db.Audit.Record(new AuditEntry("fir.stage-overdue", nameof(Fir), fir.Reference,
                Details: $"level {fir.EscalationLevel}, stage {fir.Status}", UnitPath: fir.UnitPath), actorName: "system");
        }

        await db.SaveChangesAsync(cancellationToken);

        // The watcher runs again while a batch comes back full: full if either part was.
        return Math.Max(due.Count, await custody.RunAsync(batchSize, cancellationToken));
    }
}
