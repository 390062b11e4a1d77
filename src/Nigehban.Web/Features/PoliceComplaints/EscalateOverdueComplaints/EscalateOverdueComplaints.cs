using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.PoliceComplaints.EscalateOverdueComplaints;

/// <summary>
/// Marks open complaints whose first-call or reply clock has run out, once each, and alerts the
/// centre through the outbox. Force-wide background work: the system, not an officer, watches clocks,
/// every minute (configuration <c>PoliceComplaints:EscalationInterval</c>, <see cref="OverdueSweeps"/>).
/// </summary>
public sealed class EscalateOverdueComplaintsHandler(NigehbanDbContext db, JurisdictionScope scope, TimeProvider clock, PoliceComplaintNotifications notifications, PoliceComplaintPolicy policy) : IOverdueSweep
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        if (!policy.IsOffered)
        {
            return 0;
        }

        scope.Unrestricted("complaint clocks are watched force-wide by the system");
        var now = clock.GetUtcNow();
        var overdue = await db.Set<PoliceComplaint>()
            .Where(c => c.BreachedAt == null && c.Status != PoliceComplaintStatus.Closed
                && ((c.CalledAt == null && c.FirstCallDueAt < now) || (c.RepliedAt == null && c.ReplyDueAt < now)))
            .OrderBy(c => c.ReceivedAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var complaint in overdue)
        {
            complaint.BreachedAt = now;
            notifications.Overdue(complaint);
            db.Audit.Record(new AuditEntry("police-complaint.overdue", nameof(PoliceComplaint), complaint.Reference, UnitPath: complaint.UnitPath), actorName: "system");
        }

        await db.SaveChangesAsync(cancellationToken);
        return overdue.Count;
    }
}
