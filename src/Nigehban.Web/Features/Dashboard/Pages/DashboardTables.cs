using System.Globalization;
using Microsoft.Extensions.Localization;
using Nigehban.Web.Features.ServiceCentres;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>One cell: the text shown, and the number behind it (null for labels and suppressed cells).</summary>
public readonly record struct TableCell(string Text, double? Number)
{
    public static TableCell Label(string text) => new(text, null);
}

/// <summary>
/// A table as the page shows it and as CSV/Excel exports it: one builder, so the two always agree.
/// A file holds the plain number behind each cell, so its headers name the unit the page writes in
/// the cell instead ("Deadlines kept (%)", "Average wait (minutes)"): <see cref="FileHeaders"/>.
/// </summary>
public sealed record DashboardTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<TableCell>> Rows, IReadOnlyList<string>? FileHeaders = null);

/// <summary>The dashboard's tables, built from the query service's answers.</summary>
public static class DashboardTables
{
    public const string Children = "children";
    public const string Breakdown = "breakdown";
    public const string Series = "series";

    public static readonly string[] Names = [Children, Breakdown, Series];

    // The figures a commander reads first lead; any other metric (a new module's) follows in catalogue order.
    private static readonly string[] Leading =
    [
        ServiceRequestMetrics.Received, ServiceRequestMetrics.Delivered, ServiceRequestMetrics.Overdue, ServiceRequestMetrics.DeadlineKept,
        ServiceRequestMetrics.Turnaround, ServiceRequestMetrics.Rejected, ServiceRequestMetrics.RecordCheckHits,
    ];

    /// <summary>Metrics shown as columns and tiles, limited to those the answer carries.</summary>
    public static IReadOnlyList<string> MetricKeys(IEnumerable<IReadOnlyDictionary<string, MetricValue>> answers)
    {
        var present = answers.SelectMany(a => a.Keys).ToHashSet(StringComparer.Ordinal);
        return [.. MetricCatalog.All.Select(m => m.Key).Where(present.Contains)
            .OrderBy(k => Array.IndexOf(Leading, k) is var i and >= 0 ? i : Leading.Length)];
    }

    public static DashboardTable ForChildren(DashboardSummary summary, IStringLocalizer text)
    {
        var metrics = MetricKeys([summary.Metrics, .. summary.Children.Select(c => c.Metrics)]);
        return new DashboardTable(
            Children,
            [text["Children.Unit"], "Code", .. metrics.Select(m => DashboardDisplay.Label(text, m))],
            [.. summary.Children.Select(c => (IReadOnlyList<TableCell>)[
                TableCell.Label(c.Name), TableCell.Label(c.Unit), .. metrics.Select(m => Cell(text, m, c.Metrics))])],
            [text["Children.Unit"], "Code", .. metrics.Select(m => DashboardDisplay.LabelWithUnit(text, m))]);
    }

    public static DashboardTable ForBreakdown(string metric, IReadOnlyList<BreakdownRow> rows, ServiceCatalogue catalogue, IStringLocalizer text, string language) =>
        new(
            Breakdown,
            [text["Breakdown.Service"], "Code", DashboardDisplay.Label(text, metric)],
            [.. rows.Select(r => (IReadOnlyList<TableCell>)[
                TableCell.Label(catalogue.Find(r.Dimension)?.NameIn(language) ?? r.Dimension),
                TableCell.Label(r.Dimension),
                Cell(text, metric, r.Value)])],
            [text["Breakdown.Service"], "Code", DashboardDisplay.LabelWithUnit(text, metric)]);

    public static DashboardTable ForSeries(DashboardSeries series, IStringLocalizer text)
    {
        var metrics = MetricKeys(series.Points.Select(p => p.Metrics));
        return new DashboardTable(
            Series,
            [text["Table.Period"], .. metrics.Select(m => DashboardDisplay.Label(text, m))],
            [.. series.Points.Select(p => (IReadOnlyList<TableCell>)[
                TableCell.Label(p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), .. metrics.Select(m => Cell(text, m, p.Metrics))])],
            [text["Table.Period"], .. metrics.Select(m => DashboardDisplay.LabelWithUnit(text, m))]);
    }

    private static TableCell Cell(IStringLocalizer text, string metric, IReadOnlyDictionary<string, MetricValue> values) =>
        Cell(text, metric, values.GetValueOrDefault(metric));

    private static TableCell Cell(IStringLocalizer text, string metric, MetricValue value) =>
        new(DashboardDisplay.Value(text, metric, value), value.Suppressed ? null : value.Value);
}
