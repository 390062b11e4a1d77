using System.Globalization;
using System.Text;

namespace Nigehban.Bench.Reporting;

/// <summary>Prints results as a fixed-width table: each figure, its ceiling, and the ratio of the two.</summary>
public static class ResultTable
{
    public static string Format(IReadOnlyList<BenchResult> results) =>
        results.Any(r => r.Measured.Latency is not null) ? FormatLoad(results) : FormatBulk(results);

    /// <summary>Load scenarios: throughput and latency percentiles, then a line for the ceiling's own figures.</summary>
    private static string FormatLoad(IReadOnlyList<BenchResult> results)
    {
        var rows = new List<string[]> { new[] { "scenario", "rate", "p50", "p95", "p99", "errors", "ceiling", "ratio" } };
        foreach (var r in results)
        {
            rows.Add([r.Name, Rate(r.Measured), Ms(r.Measured.Latency?.P50), Ms(r.Measured.Latency?.P95), Ms(r.Measured.Latency?.P99),
                Count(r.Measured.Errors), $"{r.Ceiling.Label} {Rate(r.Ceiling)}", Ratio(r)]);
            rows.Add([$"  ceiling: {r.Ceiling.Label}", Rate(r.Ceiling), Ms(r.Ceiling.Latency?.P50), Ms(r.Ceiling.Latency?.P95), Ms(r.Ceiling.Latency?.P99),
                Count(r.Ceiling.Errors), string.Empty, string.Empty]);
        }

        return Layout(rows, leftAligned: [0, 6]);
    }

    /// <summary>Bulk loads: rows and rows/s beside the same rows written into a plain table.</summary>
    private static string FormatBulk(IReadOnlyList<BenchResult> results)
    {
        var rows = new List<string[]> { new[] { "table", "rows", "rate", "ceiling", "ratio" } };
        rows.AddRange(results.Select(r => new[] { r.Name, Count(r.Measured.Operations), Rate(r.Measured), $"{r.Ceiling.Label} {Rate(r.Ceiling)}", Ratio(r) }));
        return Layout(rows, leftAligned: [0, 3]);
    }

    private static string Layout(List<string[]> rows, int[] leftAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Select((cell, c) => leftAligned.Contains(c) ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])));
            text.Append(line.TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    public static string Rate(Measurement m) => $"{m.PerSecond.ToString("#,0", CultureInfo.InvariantCulture)} {m.Unit}";

    public static string Ratio(BenchResult r) => r.AtFixedRate ? "-" : r.Ratio.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Ms(TimeSpan? value) => value is { } v ? $"{v.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)} ms" : "-";

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
