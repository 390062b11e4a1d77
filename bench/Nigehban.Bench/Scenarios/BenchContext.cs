using Nigehban.Bench.Data;
using Nigehban.Bench.Load;

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
}
