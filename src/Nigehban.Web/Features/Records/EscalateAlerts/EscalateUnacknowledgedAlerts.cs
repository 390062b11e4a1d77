using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.EscalateAlerts;

/// <summary>
/// A registration alert its station has not acknowledged by its deadline (the pack's
/// <c>alerts.acknowledgeWithinMinutes</c>) escalates once to the next unit up — the circle, whose SDPO
/// reads the station's alerts already — through the outbox to that unit's in-charge; the alert then
/// carries the unit and the moment, which the inbox shows and the dashboard counts (ADR-069).
/// Force-wide background work on the platform's overdue sweep (<c>Records:EscalationInterval</c>).
/// </summary>
public sealed class EscalateUnacknowledgedAlertsHandler(NigehbanDbContext db, JurisdictionScope scope, UnitDirectory units, TimeProvider clock) : IOverdueSweep
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        scope.Unrestricted("alert clocks are watched force-wide by the system");
        var now = clock.GetUtcNow();
        var overdue = await db.Set<RegistrationAlert>()
            .Where(a => a.AcknowledgedAt == null && a.EscalatedAt == null && a.DueAt < now)
            .OrderBy(a => a.DueAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var alert in overdue)
        {
            var up = units.Find(alert.UnitCode)?.ParentCode ?? alert.UnitCode;
            alert.EscalatedAt = now;
            alert.EscalatedTo = up;
            Outbox.Enqueue(db, OutboxKinds.Alert, OverdueSweeps.InChargeRecipient(units, alert.UnitCode, 2),
                new { kind = "registration-alert-escalated", alert = alert.Id, unit = alert.UnitCode, escalatedTo = up, source = alert.Source, dueAt = alert.DueAt, at = now },
                now);
            db.Audit.Record(new AuditEntry("registration-alert.escalated", nameof(RegistrationAlert), alert.Id.ToString(),
                Details: $"to={up}", UnitPath: alert.UnitPath), actorName: "system");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An officer acknowledged one of them meanwhile: the next pass takes the rest.
            db.ChangeTracker.Clear();
            return 0;
        }

        return overdue.Count;
    }
}
