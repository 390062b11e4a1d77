using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// The one rule that hides small cells of suppressed metrics (ADR-073). A cell from 1 to 4 is
/// hidden as "&lt;5" (primary). A breakdown — the dimension values of one metric, the sub-units of
/// one unit, the buckets of one series, the centres below a unit — is shown beside its total, so a
/// single hidden cell could be worked out as the total minus the others: when exactly one cell of a
/// breakdown is hidden, the next-smallest shown cell is hidden too (complementary). A part of the
/// total that no row shows (records of the parent unit itself) counts as a hidden cell.
/// </summary>
public static class SmallCells
{
    public static bool IsSmall(RollupSums sums) => sums.Count is > 0 and < 5;

    /// <summary>One cell alone: "&lt;5" when small, its figure otherwise.</summary>
    public static MetricValue ValueOf(MetricDefinition definition, RollupSums sums) =>
        definition.Suppressed && IsSmall(sums)
            ? new MetricValue(null, true)
            : new MetricValue(definition.ValueOf(sums.Count, sums.Measure), false);

    /// <summary>
    /// The values of one breakdown's cells, in their order. <paramref name="total"/>, when the
    /// breakdown adds up to it, lets the rule see the part no cell shows.
    /// </summary>
    public static MetricValue[] Breakdown(MetricDefinition definition, IReadOnlyList<RollupSums> cells, RollupSums? total = null)
    {
        var values = cells.Select(c => ValueOf(definition, c)).ToArray();
        if (!definition.Suppressed)
        {
            return values;
        }

        var unshown = total is { } t ? t.Count - cells.Sum(c => c.Count) : 0;
        var hidden = values.Count(v => v.Suppressed) + (unshown > 0 ? 1 : 0);
        var anySmall = values.Any(v => v.Suppressed) || unshown is > 0 and < 5;
        if (!anySmall || hidden != 1)
        {
            return values;
        }

        // The next-smallest cell with a figure; ties go to the first, so the answer is stable.
        var next = Enumerable.Range(0, cells.Count)
            .Where(i => !values[i].Suppressed && cells[i].Count > 0)
            .OrderBy(i => cells[i].Count)
            .ThenBy(i => i)
            .Select(i => (int?)i)
            .FirstOrDefault();
        if (next is { } index)
        {
            values[index] = MetricValue.Complementary;
        }

        return values;
    }

    /// <summary>
    /// Every metric of every row of a table whose rows are parts of one total (per metric): each
    /// suppressed metric's column is one breakdown.
    /// </summary>
    public static IReadOnlyDictionary<string, MetricValue>[] Rows(
        IReadOnlyList<IReadOnlyDictionary<string, RollupSums>> rows, IReadOnlyDictionary<string, RollupSums>? totals = null)
    {
        var result = rows.Select(_ => new Dictionary<string, MetricValue>(StringComparer.Ordinal)).ToArray();
        foreach (var metric in MetricCatalog.All)
        {
            var cells = rows.Select(r => r.GetValueOrDefault(metric.Key)).ToArray();
            var values = Breakdown(metric, cells, totals?.GetValueOrDefault(metric.Key));
            for (var i = 0; i < rows.Count; i++)
            {
                result[i][metric.Key] = values[i];
            }
        }

        return result;
    }

    /// <summary>Sums rows (metric, sums) into one value per metric.</summary>
    public static Dictionary<string, RollupSums> Sum(IEnumerable<(string Metric, RollupSums Sums)> rows)
    {
        var sums = new Dictionary<string, RollupSums>(StringComparer.Ordinal);
        foreach (var (metric, s) in rows)
        {
            var current = sums.GetValueOrDefault(metric);
            sums[metric] = new RollupSums(current.Count + s.Count, current.Measure + s.Measure);
        }

        return sums;
    }

    /// <summary>One value per metric of the catalogue, each cell on its own.</summary>
    public static Dictionary<string, MetricValue> Values(IReadOnlyDictionary<string, RollupSums> sums) =>
        MetricCatalog.All.ToDictionary(m => m.Key, m => ValueOf(m, sums.GetValueOrDefault(m.Key)), StringComparer.Ordinal);
}
