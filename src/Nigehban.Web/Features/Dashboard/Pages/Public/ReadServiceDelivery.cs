using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Metrics;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Dashboard.Pages.Public;

public sealed record ServiceDeliveryFigures(string Unit, string Name, MetricValue Received, MetricValue Delivered, MetricValue Kept, MetricValue Satisfied);

public sealed record ServiceDeliveryByService(string Service, MetricValue Received, MetricValue Delivered, MetricValue Kept, MetricValue Satisfied);

/// <summary>Another module's public figure for the unit (complaints at stations, complaints against police, ...).</summary>
public sealed record PublicFigure(string Module, string Metric, MetricValue Value);

public sealed record ServiceDeliveryReport(DashboardPeriod Period, ServiceDeliveryFigures Total, IReadOnlyList<ServiceDeliveryFigures> Districts,
    IReadOnlyList<ServiceDeliveryByService> Services, IReadOnlyList<PublicFigure> OtherModules);

/// <summary>
/// The public service-delivery record: applications received and delivered, the share delivered
/// by the deadline and the share of applicants satisfied, over the last 12 months (this month so far and the 11 before it), for the force and per district. Anonymous, so
/// it reads the rollups with the jurisdiction filter lifted — in a scope of its own, for these
/// four aggregate, non-sensitive metrics only (no suppressed metric, no record, no person), and
/// beside them the other modules' metrics their definitions mark <see cref="MetricDefinition.Public"/>.
/// </summary>
public sealed class ReadServiceDeliveryHandler(IServiceScopeFactory scopes, UnitDirectory units, ForcePack force, TimeProvider clock)
{
    public static readonly string[] PublicMetrics =
        [ServiceRequestMetrics.Received, ServiceRequestMetrics.Delivered, ServiceRequestMetrics.DeadlineKept, ServiceRequestMetrics.Satisfied];

    /// <summary>Other modules' public metrics, in catalogue order; suppressed ones never (a small count could point at a person).</summary>
    public static IReadOnlyList<MetricDefinition> OtherPublicMetrics { get; } =
        [.. MetricCatalog.All.Where(m => m.Public && !m.Suppressed && !PublicMetrics.Contains(m.Key, StringComparer.Ordinal))];

    /// <summary>Null when <paramref name="districtCode"/> is not a district of this force.</summary>
    public async Task<ServiceDeliveryReport?> HandleAsync(string? districtCode, CancellationToken ct)
    {
        var root = units.All.FirstOrDefault(u => u.ParentCode is null);
        var target = districtCode is null ? root : units.Find(districtCode);
        if (target is null || (districtCode is not null && target.Kind != force.ReferenceUnitKind))
        {
            return null;
        }

        var period = DashboardPeriod.ThisAndPreviousMonths(DashboardPeriod.Today(clock, force.TimeZone), 12);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>()
            .Unrestricted("public service-delivery page: force-wide aggregate counts of non-sensitive metrics");
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();

        var summary = await queries.SummaryAsync(target.Code, period.From, period.To, ct);
        var districts = districtCode is null ? await DistrictsAsync(queries, summary, period, ct) : [];

        var byService = new Dictionary<string, MetricValue[]>(StringComparer.Ordinal);
        for (var i = 0; i < PublicMetrics.Length; i++)
        {
            foreach (var row in await queries.BreakdownAsync(target.Code, period.From, period.To, PublicMetrics[i], ct))
            {
                if (!byService.TryGetValue(row.Dimension, out var values))
                {
                    byService[row.Dimension] = values = new MetricValue[PublicMetrics.Length];
                }

                values[i] = row.Value;
            }
        }

        return new ServiceDeliveryReport(
            period,
            Figures(summary.Unit, summary.Name, summary.Metrics),
            districts,
            [.. byService.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ServiceDeliveryByService(s.Key, s.Value[0], s.Value[1], s.Value[2], s.Value[3]))],
            OtherFigures(summary.Metrics));
    }

    /// <summary>
    /// A module's figures where it counted anything: the complaint centre counts at its own unit only
    /// (ADR-045), so a district's page would otherwise show its zeros as if nobody had complained.
    /// </summary>
    private static List<PublicFigure> OtherFigures(IReadOnlyDictionary<string, MetricValue> metrics) =>
        [.. OtherPublicMetrics
            .Select(m => new PublicFigure(m.Module, m.Key, metrics.GetValueOrDefault(m.Key)))
            .GroupBy(f => f.Module)
            .Where(module => module.Any(f => f.Value.Suppressed || f.Value.Value is > 0))
            .SelectMany(module => module)];

    /// <summary>Walks down from the force's root until the district level (Punjab: root → regions → districts).</summary>
    private async Task<List<ServiceDeliveryFigures>> DistrictsAsync(DashboardQueries queries, DashboardSummary summary, DashboardPeriod period, CancellationToken ct)
    {
        var result = new List<ServiceDeliveryFigures>();
        foreach (var child in summary.Children)
        {
            if (child.Kind == force.ReferenceUnitKind)
            {
                result.Add(Figures(child.Unit, child.Name, child.Metrics));
            }
            else if (IsAboveDistricts(child.Kind))
            {
                result.AddRange(await DistrictsAsync(queries, await queries.SummaryAsync(child.Unit, period.From, period.To, ct), period, ct));
            }
        }

        return result;
    }

    private bool IsAboveDistricts(string kind) =>
        force.UnitKinds.ToList() is var kinds && kinds.IndexOf(kind) < kinds.IndexOf(force.ReferenceUnitKind);

    private static ServiceDeliveryFigures Figures(string unit, string name, IReadOnlyDictionary<string, MetricValue> metrics) =>
        new(unit, name, metrics.GetValueOrDefault(PublicMetrics[0]), metrics.GetValueOrDefault(PublicMetrics[1]), metrics.GetValueOrDefault(PublicMetrics[2]),
            metrics.GetValueOrDefault(PublicMetrics[3]));
}
