using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// Marks open applications whose deadline has passed, once each, and alerts the centre in-charge
/// through the outbox. Runs force-wide: it is the system, not an officer, that watches deadlines.
/// </summary>
public sealed class EscalateOverdueRequestsHandler(NigehbanDbContext db, JurisdictionScope scope, ServiceRequestClock clock, ServiceRequestNotifications notifications)
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

/// <summary>Checks deadlines every minute (configuration <c>ServiceCentres:EscalationInterval</c>).</summary>
public sealed class OverdueRequestsWatcher(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<OverdueRequestsWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("ServiceCentres:EscalationInterval", TimeSpan.FromMinutes(1));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<EscalateOverdueRequestsHandler>();
                while (await handler.RunAsync(500, stoppingToken) == 500)
                {
                    // a full batch: there may be more
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "SLA escalation failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
