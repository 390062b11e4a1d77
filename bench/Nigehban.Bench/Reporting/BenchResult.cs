namespace Nigehban.Bench.Reporting;

public sealed record LatencySummary(TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    /// <summary>Nearest-rank percentiles of latencies given in Stopwatch ticks.</summary>
    public static LatencySummary? FromTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return null;
        }

        Array.Sort(ticks);
        TimeSpan At(double p) => TimeSpan.FromSeconds(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)] / (double)System.Diagnostics.Stopwatch.Frequency);
        return new LatencySummary(At(0.50), At(0.95), At(0.99), At(1.0));
    }
}

/// <summary>One measured figure: how many operations (requests, rows) in how long, with latencies when they mean something.</summary>
public sealed record Measurement(string Label, long Operations, TimeSpan Elapsed, string Unit, LatencySummary? Latency = null, long Errors = 0, string? FirstError = null)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Operations / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// A figure beside its ceiling, measured in the same run on the same machine. The ratio, not the
/// absolute number, is what the performance budgets speak about: it holds across machines.
/// </summary>
public sealed record BenchResult(string Name, Measurement Measured, Measurement Ceiling)
{
    public double Ratio => Ceiling.PerSecond > 0 ? Measured.PerSecond / Ceiling.PerSecond : 0;

    /// <summary>Both sides were offered the same rate (ADR-019): their latencies compare, their rates do not.</summary>
    public bool AtFixedRate { get; init; }

    public long Errors => Measured.Errors + Ceiling.Errors;
}
