using System.Diagnostics;
using System.Runtime;
using Nigehban.Bench.Data;
using Nigehban.Bench.Load;
using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Scenarios;

/// <summary>What a scenario gets: the options, the plan of the generated data, the running app and a load generator.</summary>
public sealed class BenchContext(BenchOptions options, BenchPlan plan, BenchTarget target, IServiceProvider appServices, HttpClient http)
{
    public BenchOptions Options => options;

    /// <summary>The generated data: unit codes, staff (with their TOTP secrets and <see cref="BenchPlan.StaffPassword"/>), persons.</summary>
    public BenchPlan Plan => plan;

    public BenchTarget Target => target;

    /// <summary>The running app's services (a DbContext for a scenario's own ceiling, for example).</summary>
    public IServiceProvider AppServices => appServices;

    /// <summary>A client on the running app, with one keep-alive connection per bench client.</summary>
    public HttpClient Http => http;

    public Uri Url(string pathAndQuery) => new(http.BaseAddress!, pathAndQuery);

    public ClosedLoopLoad Load => new(http, options.Clients, options.Warmup, options.Duration, options.Seed);

    /// <summary>Each side of a priming pair runs this long (longer when <c>--warmup</c> is).</summary>
    public static readonly TimeSpan PrimingTime = TimeSpan.FromSeconds(5);

    /// <summary>Priming stops after this long even if the JIT is still busy (the log says so).</summary>
    public static readonly TimeSpan PrimingLimit = TimeSpan.FromMinutes(2);

    /// <summary>The JIT counts as settled once a priming pair spent less than this share of its time compiling.</summary>
    public const double SettledJitShare = 0.02;

    public void Log(string message) => Console.WriteLine($"  {message}");

    /// <summary>
    /// Primes both sides, then measures the ceiling and right after it the figure, <c>--rounds</c>
    /// times, and keeps the round whose ratio is the median. Each pair is measured back to back,
    /// so whatever else the machine is doing weighs on both sides of a ratio alike.
    /// </summary>
    public async Task<BenchResult> CompareAsync(string name, Func<LoadGenerator, Task<Measurement>> ceiling, Func<LoadGenerator, Task<Measurement>> measured)
    {
        await PrimeAsync(name, ceiling, measured);
        return await RoundsAsync(name, Load, atFixedRate: false, ceiling, measured, round => round.Ratio);
    }

    /// <summary>
    /// Measures both sides again, <c>--rounds</c> times, at <paramref name="rate"/> requests a
    /// second (<see cref="PacedLoad"/>), and keeps the round whose figure's p99 is the median (of an
    /// even number, the worse of the middle two): the latency a budget states at that rate. Run it
    /// after <see cref="CompareAsync"/> of the same sides, which primed them.
    /// </summary>
    public Task<BenchResult> CompareAtRateAsync(string name, double rate, Func<LoadGenerator, Task<Measurement>> ceiling, Func<LoadGenerator, Task<Measurement>> measured) =>
        RoundsAsync(name, new PacedLoad(http, options.Clients, rate, options.Warmup, options.Duration, options.Seed), atFixedRate: true, ceiling, measured,
            round => round.Measured.Latency?.P99.TotalMilliseconds ?? double.MaxValue);

    private async Task<BenchResult> RoundsAsync(
        string name, LoadGenerator load, bool atFixedRate, Func<LoadGenerator, Task<Measurement>> ceiling, Func<LoadGenerator, Task<Measurement>> measured, Func<BenchResult, double> rankBy)
    {
        var rounds = new List<BenchResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var beforeCeiling = GcPauses.Now();
            var c = await ceiling(load);
            var beforeFigure = GcPauses.Now();
            var m = await measured(load);
            var after = GcPauses.Now();
            rounds.Add(new BenchResult(name, m, c) { AtFixedRate = atFixedRate });
            Log($"{name} round {round + 1}: {ResultTable.Rate(m)} p99 {ResultTable.Ms(m.Latency?.P99)} / {ResultTable.Rate(c)} p99 {ResultTable.Ms(c.Latency?.P99)}, ratio {ResultTable.Ratio(rounds[^1])}; "
                + $"the garbage collector paused the process {beforeFigure.Since(beforeCeiling)} in the ceiling's pass, {after.Since(beforeFigure)} in the figure's");
        }

        // The errors of every round are kept: one failed request anywhere spoils the figure.
        var kept = rounds.OrderBy(rankBy).ElementAt(rounds.Count / 2);
        return kept with
        {
            Measured = kept.Measured with { Errors = rounds.Sum(r => r.Measured.Errors), FirstError = rounds.Select(r => r.Measured.FirstError).FirstOrDefault(e => e is not null) },
            Ceiling = kept.Ceiling with { Errors = rounds.Sum(r => r.Ceiling.Errors), FirstError = rounds.Select(r => r.Ceiling.FirstError).FirstOrDefault(e => e is not null) },
        };
    }

    /// <summary>
    /// Unrecorded pairs of passes (ceiling, then figure) until the JIT has settled. The runtime
    /// compiles hot code again, optimised with what it profiled (tiered JIT, dynamic PGO), on a
    /// background thread that gets its share of two busy cores: measured here, that took 30 s of
    /// compiling spread over a minute of submissions, and the windows in that minute ran at half
    /// the rate of the later ones. A server pays this once after it starts; the figures are for
    /// one that has.
    /// </summary>
    private async Task PrimeAsync(string name, Func<LoadGenerator, Task<Measurement>> ceiling, Func<LoadGenerator, Task<Measurement>> measured)
    {
        var priming = new ClosedLoopLoad(http, options.Clients, TimeSpan.Zero, TimeSpan.FromTicks(Math.Max(options.Warmup.Ticks, PrimingTime.Ticks)), options.Seed);
        var started = Stopwatch.GetTimestamp();
        for (var pairs = 1; ; pairs++)
        {
            var compilingBefore = JitInfo.GetCompilationTime();
            var pairStarted = Stopwatch.GetTimestamp();
            await ceiling(priming);
            await measured(priming);
            var compilingShare = (JitInfo.GetCompilationTime() - compilingBefore) / Stopwatch.GetElapsedTime(pairStarted);
            var primed = Stopwatch.GetElapsedTime(started);
            if (compilingShare < SettledJitShare || primed >= PrimingLimit)
            {
                var state = compilingShare < SettledJitShare ? "settled" : "still compiling, measuring anyway";
                Log($"{name} primed in {primed.TotalSeconds:0} s ({pairs} pairs): JIT {state}, {compilingShare:P0} of the last pair spent compiling, {JitInfo.GetCompilationTime().TotalSeconds:0.0} s in all");
                return;
            }
        }
    }

    /// <summary>
    /// The process's garbage-collection pauses so far. App and load generator share the process,
    /// so every pause stops both sides' requests alike and lands in the latencies of each.
    /// </summary>
    private readonly record struct GcPauses(TimeSpan Paused, int Collections)
    {
        public static GcPauses Now() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0));

        public string Since(GcPauses earlier) =>
            $"{(Paused - earlier.Paused).TotalMilliseconds:0} ms ({Collections - earlier.Collections} collections)";
    }
}
