using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Dashboard;

public sealed record MetricView(string Key, string Module, string Format, string Description, string? Dimension, bool Suppressed, bool Alert, string Counting);

/// <summary>The dashboard over HTTP: the same query service the pages use, scoped to the caller.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard").RequireAuthorization(Permissions.DashboardView);
        group.MapGet("/summary", Summary).WithName("GetDashboardSummary")
            .WithSummary("Every metric of a unit over [from, to] (force-local days, inclusive), with its direct sub-units. Small cells of suppressed metrics read \"<5\".");
        group.MapGet("/series", Series).WithName("GetDashboardSeries")
            .WithSummary("Every metric of a unit by day, week (from Monday) or month over [from, to].");
        group.MapGet("/breakdown", Breakdown).WithName("GetDashboardBreakdown")
            .WithSummary("One metric of a unit split by its dimension (e.g. by service), over the whole months of [from, to].");
        group.MapGet("/unit-sets/{set}", UnitSet).WithName("GetDashboardUnitSet")
            .WithSummary("The units of a module's set within a unit (e.g. protection-centres: each centre of a district), each with the module's metrics over [from, to]. Small cells read \"<5\", a cell hidden beside one \"hidden\".");
        group.MapGet("/records", Records).WithName("ListDashboardRecords")
            .WithSummary("The records behind one metric of a unit over [from, to] (optionally one dimension value): a page of them, newest first (default 20, at most 100), and their total count, equal to the metric's count.");
        group.MapGet("/metrics", Metrics).WithName("ListDashboardMetrics")
            .WithSummary("The metric catalogue: each metric's key, meaning and how it is counted.");
        return app;
    }

    internal static async Task<Ok<DashboardSummary>> Summary(string? unit, string? from, string? to, DashboardQueries queries, UnitDirectory units,
        RollupLevels levels, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = Range(from, to, levels);
        return TypedResults.Ok(await queries.SummaryAsync(UnitOrHome(unit, user), start, end, ct));
    }

    internal static async Task<Ok<DashboardSeries>> Series(string? unit, string? from, string? to, string? interval, DashboardQueries queries,
        RollupLevels levels, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = Range(from, to, levels);
        var parsed = interval?.ToLowerInvariant() switch
        {
            null or "" or "day" => SeriesInterval.Day,
            "week" => SeriesInterval.Week,
            "month" => SeriesInterval.Month,
            _ => throw new ValidationFailedException("interval", DashboardErrors.Text("Interval.OneOf")),
        };
        return TypedResults.Ok(await queries.SeriesAsync(UnitOrHome(unit, user), start, end, parsed, ct));
    }

    internal static async Task<Ok<IReadOnlyList<BreakdownRow>>> Breakdown(string? unit, string? from, string? to, string? metric, DashboardQueries queries,
        RollupLevels levels, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = Range(from, to, levels);
        if (string.IsNullOrWhiteSpace(metric))
        {
            throw new ValidationFailedException("metric", DashboardErrors.Text("Metric.Required"));
        }

        return TypedResults.Ok(await queries.BreakdownAsync(UnitOrHome(unit, user), start, end, metric, ct));
    }

    internal static async Task<Ok<DashboardUnitSet>> UnitSet(string set, string? unit, string? from, string? to, DashboardQueries queries,
        RollupLevels levels, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = Range(from, to, levels);
        return TypedResults.Ok(await queries.UnitSetAsync(UnitOrHome(unit, user), set, start, end, ct));
    }

    internal static async Task<Ok<PagedList<DashboardRecord>>> Records(string? unit, string? from, string? to, string? metric, string? dimension, int? page, int? pageSize,
        DashboardQueries queries, RollupLevels levels, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = Range(from, to, levels);
        if (string.IsNullOrWhiteSpace(metric))
        {
            throw new ValidationFailedException("metric", DashboardErrors.Text("Metric.Required"));
        }

        return TypedResults.Ok(await queries.RecordsAsync(UnitOrHome(unit, user), start, end, metric, dimension, page ?? 1, pageSize ?? PagedList<DashboardRecord>.DefaultPageSize, ct));
    }

    internal static Ok<MetricView[]> Metrics() => TypedResults.Ok(MetricCatalog.All
        .Select(m => new MetricView(m.Key, m.Module, m.Format.ToString().ToLowerInvariant(), m.Description, m.Dimension, m.Suppressed, m.Alert, m.Counting))
        .ToArray());

    private static string UnitOrHome(string? unit, CurrentUser user) =>
        !string.IsNullOrWhiteSpace(unit) ? unit : user.UnitCode ?? throw new ValidationFailedException("unit", DashboardErrors.Text("Unit.Required"));

    /// <summary>Dates as yyyy-MM-dd; without them, the last 30 force-local days up to today.</summary>
    private static (DateOnly From, DateOnly To) Range(string? from, string? to, RollupLevels levels)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(levels.Clock.GetUtcNow(), levels.TimeZone).DateTime);
        var end = to is null ? today : ReportDays.Within(Parse(to, "to"), "to");
        var start = from is null ? end.AddDays(-29) : Parse(from, "from");
        ReportDays.Check(start, end);
        return (start, end);
    }

    private static DateOnly Parse(string value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ValidationFailedException(field, DashboardErrors.Text("Day.Format", field));
}
