using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.FrontDesk.EscalateOverdueComplaints;

/// <summary>
/// Complaints whose stage is past its deadline: the first time, the station in-charge (SHO) is
/// alerted; if the stage is still unmet after the pack's <c>supervisorEscalationAfter</c>, the
/// in-charge of the station's parent unit (SDPO) is, once. A new stage starts the clock again.
/// Runs force-wide: the system, not an officer, watches deadlines; the platform's watcher runs it
/// every minute (<c>FrontDesk:EscalationInterval</c>).
/// </summary>
public sealed class EscalateOverdueComplaintsHandler(NigehbanDbContext db, JurisdictionScope scope, ComplaintClock clock, ComplaintNotifications notifications) : IOverdueSweep
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        scope.Unrestricted("complaint stage escalation is force-wide background work");
        var now = clock.Now;
        var due = await db.Set<StationComplaint>()
            .Where(c => c.NextEscalationAt != null && c.NextEscalationAt < now && c.Status != ComplaintStatus.Disposed)
            .OrderBy(c => c.NextEscalationAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var complaint in due)
        {
            complaint.Escalate(now, complaint.EscalationLevel == 0 ? clock.SupervisorDueAt(now) : null);
            notifications.Escalated(db, complaint);
            db.Audit.Record(new AuditEntry("complaint.stage-overdue", nameof(StationComplaint), complaint.Reference,
                Details: $"level {complaint.EscalationLevel}, stage {complaint.Status}", UnitPath: complaint.UnitPath), actorName: "system");
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
