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

    public void Log(string message) => Console.WriteLine($"  {message}");

    /// <summary>
    /// Measures the ceiling, then the figure, <c>--rounds</c> times in alternation, and keeps for
    /// each side the round with the median throughput. Alternating spreads whatever else the
    /// machine is doing over both sides instead of letting it land on one.
    /// </summary>
    public async Task<BenchResult> CompareAsync(string name, Func<ClosedLoopLoad, Task<Measurement>> ceiling, Func<ClosedLoopLoad, Task<Measurement>> measured)
    {
        var ceilings = new List<Measurement>();
        var figures = new List<Measurement>();
        for (var round = 0; round < options.Rounds; round++)
        {
            ceilings.Add(await ceiling(Load));
            figures.Add(await measured(Load));
            Log($"{name} round {round + 1}: {ResultTable.Rate(figures[^1])} / {ResultTable.Rate(ceilings[^1])}");
        }

        return new BenchResult(name, Median(figures), Median(ceilings));
    }

    /// <summary>The median round, carrying the errors of all rounds: one failed request anywhere spoils the figure.</summary>
    private static Measurement Median(List<Measurement> rounds) =>
        rounds.OrderBy(m => m.PerSecond).ElementAt(rounds.Count / 2) with
        {
            Errors = rounds.Sum(m => m.Errors),
            FirstError = rounds.Select(m => m.FirstError).FirstOrDefault(e => e is not null),
        };
}
