using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record ServiceStatisticsRow(string ServiceCode, int Received, int Delivered, int Rejected, int Open, int Overdue, int Breached);

public sealed record ServiceDeliveryStatistics(
    string? Unit, DateOnly From, DateOnly To, int Received, int Delivered, int Rejected, int Open, int Overdue, int Breached,
    double? AverageTurnaroundHours, double? AverageWaitMinutes, double? AverageServiceMinutes, IReadOnlyList<ServiceStatisticsRow> ByService);

/// <summary>
/// Service delivery for a unit and period: received, delivered, overdue and breached applications
/// by service, with turnaround and counter waiting/service times. Counted from the records within
/// the caller's jurisdiction; the command dashboard will serve the same figures from rollups.
/// </summary>
public sealed class ServiceDeliveryStatisticsHandler(NigehbanDbContext db, UnitDirectory units, ServiceRequestClock clock, JurisdictionScope scope, ForcePack force, DeadlineCalculator days)
{
    public async Task<ServiceDeliveryStatistics> HandleAsync(string? unitCode, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        // Days are the force's calendar days, as on the dashboard, not UTC's.
        var end = ReportDays.Within(to ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.Now, force.TimeZone).DateTime), "to");
        var start = from ?? end.AddDays(-29);
        ReportDays.Check(start, end);

        var startAt = days.StartOfLocalDay(start);
        var endAt = days.StartOfLocalDay(end.AddDays(1));
        var requests = db.Set<ServiceRequest>().AsNoTracking().Where(r => r.SubmittedAt >= startAt && r.SubmittedAt < endAt);
        var tokens = db.Set<QueueToken>().AsNoTracking().Where(t => t.IssuedAt >= startAt && t.IssuedAt < endAt);
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var unit = units.Find(unitCode) ?? throw new NotFoundException("unit", ServiceCentreErrors.Text("Unit.Unknown", unitCode));
            // Narrows the jurisdiction filter to the unit; a unit outside it answers 404, as on the dashboard.
            scope.LimitTo(unit.Path);
        }

        var now = clock.Now;
        var rows = await requests
            .Select(r => new { r.ServiceCode, r.Status, r.DueAt, r.BreachedAt, r.SubmittedAt, r.ClosedAt })
            .ToListAsync(cancellationToken);
        var byService = rows.GroupBy(r => r.ServiceCode).OrderBy(g => g.Key).Select(g => new ServiceStatisticsRow(
            g.Key,
            g.Count(),
            g.Count(r => r.Status == ServiceRequestStatus.Issued),
            g.Count(r => r.Status == ServiceRequestStatus.Rejected),
            g.Count(r => r.Status is not (ServiceRequestStatus.Issued or ServiceRequestStatus.Rejected)),
            g.Count(r => r.Status is not (ServiceRequestStatus.Issued or ServiceRequestStatus.Rejected) && r.DueAt < now),
            g.Count(r => r.BreachedAt != null))).ToList();
        var turnaround = rows.Where(r => r.Status == ServiceRequestStatus.Issued && r.ClosedAt != null)
            .Select(r => (r.ClosedAt!.Value - r.SubmittedAt).TotalHours).ToList();
        var timings = await tokens.Where(t => t.CalledAt != null)
            .Select(t => new { t.IssuedAt, t.CalledAt, t.ServedAt })
            .ToListAsync(cancellationToken);

        return new ServiceDeliveryStatistics(
            unitCode, start, end,
            byService.Sum(s => s.Received), byService.Sum(s => s.Delivered), byService.Sum(s => s.Rejected), byService.Sum(s => s.Open),
            byService.Sum(s => s.Overdue), byService.Sum(s => s.Breached),
            turnaround.Count == 0 ? null : Math.Round(turnaround.Average(), 1),
            timings.Count == 0 ? null : Math.Round(timings.Average(t => (t.CalledAt!.Value - t.IssuedAt).TotalMinutes), 1),
            !timings.Any(t => t.ServedAt != null) ? null : Math.Round(timings.Where(t => t.ServedAt != null).Average(t => (t.ServedAt!.Value - t.CalledAt!.Value).TotalMinutes), 1),
            byService);
    }
}
