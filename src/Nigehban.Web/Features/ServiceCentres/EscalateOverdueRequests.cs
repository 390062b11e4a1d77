using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// Marks open applications whose deadline has passed, once each, and alerts the centre in-charge
/// through the outbox. Runs force-wide: it is the system, not an officer, that watches deadlines,
/// every minute (configuration <c>ServiceCentres:EscalationInterval</c>, <see cref="OverdueSweeps"/>).
/// </summary>
public sealed class EscalateOverdueRequestsHandler(NigehbanDbContext db, JurisdictionScope scope, ServiceRequestClock clock, ServiceRequestNotifications notifications) : IOverdueSweep
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        scope.Unrestricted("SLA escalation is force-wide background work");
        var now = clock.Now;
        var overdue = await db.Set<ServiceRequest>()
            .Where(r => r.BreachedAt == null && r.DueAt < now
                && r.Status != ServiceRequestStatus.Issued && r.Status != ServiceRequestStatus.Rejected)
            .OrderBy(r => r.DueAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var request in overdue)
        {
            request.BreachedAt = now;
            notifications.Breached(request);
            db.Audit.Record(new AuditEntry("service-request.sla-breached", nameof(ServiceRequest), request.Reference, UnitPath: request.UnitPath), actorName: "system");
        }

        await db.SaveChangesAsync(cancellationToken);
        return overdue.Count;
    }
}
