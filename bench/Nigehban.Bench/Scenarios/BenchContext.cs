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

    /// <summary>At least this long per side before the first round (longer when <c>--warmup</c> is).</summary>
    public static readonly TimeSpan PrimingTime = TimeSpan.FromSeconds(5);

    public void Log(string message) => Console.WriteLine($"  {message}");

    /// <summary>
    /// Primes both sides, then measures the ceiling and right after it the figure, <c>--rounds</c>
    /// times, and keeps the round whose ratio is the median. Each pair is measured back to back,
    /// so whatever else the machine is doing weighs on both sides of a ratio alike.
    /// </summary>
    public async Task<BenchResult> CompareAsync(string name, Func<ClosedLoopLoad, Task<Measurement>> ceiling, Func<ClosedLoopLoad, Task<Measurement>> measured)
    {
        // One unrecorded pass of each first: the runtime keeps recompiling hot code (tiered JIT,
        // dynamic PGO) for several seconds under load, and the first window would pay for it.
        var priming = new ClosedLoopLoad(http, options.Clients, TimeSpan.Zero, TimeSpan.FromTicks(Math.Max(options.Warmup.Ticks, PrimingTime.Ticks)), options.Seed);
        await ceiling(priming);
        await measured(priming);

        var rounds = new List<BenchResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var c = await ceiling(Load);
            var m = await measured(Load);
            rounds.Add(new BenchResult(name, m, c));
            Log($"{name} round {round + 1}: {ResultTable.Rate(m)} / {ResultTable.Rate(c)} = {rounds[^1].Ratio:0.00}");
        }

        // The errors of every round are kept: one failed request anywhere spoils the figure.
        var median = rounds.OrderBy(r => r.Ratio).ElementAt(rounds.Count / 2);
        return median with
        {
            Measured = median.Measured with { Errors = rounds.Sum(r => r.Measured.Errors), FirstError = rounds.Select(r => r.Measured.FirstError).FirstOrDefault(e => e is not null) },
            Ceiling = median.Ceiling with { Errors = rounds.Sum(r => r.Ceiling.Errors), FirstError = rounds.Select(r => r.Ceiling.FirstError).FirstOrDefault(e => e is not null) },
        };
    }
}
