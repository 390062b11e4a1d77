using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Nigehban.Bench.Data;
using Nigehban.Bench.Hosting;
using Nigehban.Bench.Load;
using Nigehban.Bench.Reporting;
using Nigehban.Bench.Scenarios;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Bench;

/// <summary>The bench's verbs. Exit code 0 on success, 1 when a check or a request failed, 2 on a usage mistake.</summary>
public static class BenchCommands
{
    public static async Task<int> GenerateAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var target = BenchTarget.Resolve(options);
        await using var app = BenchHost.Build(target, []);
        var plan = BenchPlan.Create(app.Services.GetRequiredService<ForcePack>(), options.Scale, options.Seed);
        PrintHeader(options, target, plan);
        var generator = new GenerateData(target, plan, app.Services, Console.Out, options.Repeats);
        var results = await generator.RunAsync(regenerate: true, cancellationToken);
        if (plan.Scale.ServiceRequests > 0)
        {
            await generator.EnsureRollupsAsync(cancellationToken);
        }

        Console.WriteLine();
        Console.Write(ResultTable.Format(results!));
        return 0;
    }

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var catalog = ScenarioCatalog.Create();
        var scenarios = options.Scenario is null
            ? catalog
            : catalog.Where(s => s.Name == options.Scenario).ToList() is { Count: > 0 } chosen
                ? chosen
                : throw new BenchUsageException($"unknown scenario '{options.Scenario}' ({string.Join(", ", catalog.Select(s => s.Name))})");

        var target = BenchTarget.Resolve(options);
        await using var app = BenchHost.Build(target, scenarios.Select(s => (Action<WebApplication>)s.MapEndpoints));
        var plan = BenchPlan.Create(app.Services.GetRequiredService<ForcePack>(), options.Scale, options.Seed);
        PrintHeader(options, target, plan);
        var generator = new GenerateData(target, plan, app.Services, Console.Out, options.Repeats);
        var generation = await generator.RunAsync(options.Regenerate, cancellationToken);
        if (plan.Scale.ServiceRequests > 0)
        {
            await generator.EnsureRollupsAsync(cancellationToken);
        }

        if (generation is not null)
        {
            Console.WriteLine();
            Console.Write(ResultTable.Format(generation));
        }

        await app.StartAsync(cancellationToken);
        try
        {
            var clientsOf = scenarios.ToDictionary(s => s, s => options.ClientsGiven ? options.Clients : s.DefaultClients ?? options.Clients);
            using var http = LoadGenerator.CreateClient(BenchHost.BaseAddress(app), clientsOf.Values.Max());
            Console.WriteLine($"app serving on {http.BaseAddress}; {Seconds(options.Warmup)} warm-up, {Seconds(options.Duration)} measured per figure");
            var results = new List<BenchResult>();
            foreach (var scenario in scenarios)
            {
                var context = new BenchContext(options.WithClients(clientsOf[scenario]), plan, target, app.Services, http);
                Console.WriteLine($"{scenario.Name} ({clientsOf[scenario]} clients): {scenario.Measures}");
                await scenario.SetupAsync(context, cancellationToken);
                results.AddRange(await scenario.RunAsync(context, cancellationToken));
            }

            Console.WriteLine();
            Console.Write(ResultTable.Format(results));
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"bench process (app and load generator together): peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB");

            foreach (var failed in results.Where(r => r.Errors > 0))
            {
                Console.Error.WriteLine($"{failed.Name}: {failed.Errors} failed requests, first: {failed.Measured.FirstError ?? failed.Ceiling.FirstError}");
            }

            return results.Any(r => r.Errors > 0) ? 1 : 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Plans the data twice from the same seed and once from another, and compares SHA-256 digests
    /// of every row: the same seed must give identical data, a different seed different data.
    /// </summary>
    public static int VerifyDeterminism(BenchOptions options)
    {
        var force = ForcePackLoader.Load(ForceRegistration.LocatePack("punjab"));
        var first = BenchPlan.Create(force, options.Scale, options.Seed).ComputeDigest();
        var second = BenchPlan.Create(force, options.Scale, options.Seed).ComputeDigest();
        var other = BenchPlan.Create(force, options.Scale, options.Seed + 1).ComputeDigest();
        Console.WriteLine($"{options.Scale.Describe(options.Seed)}");
        Console.WriteLine($"  seed {options.Seed}:     {first}");
        Console.WriteLine($"  seed {options.Seed} again: {second}");
        Console.WriteLine($"  seed {options.Seed + 1}:     {other}");
        if (first != second)
        {
            Console.Error.WriteLine("NOT deterministic: the same seed gave different data");
            return 1;
        }

        if (first == other)
        {
            Console.Error.WriteLine("seed ignored: a different seed gave the same data");
            return 1;
        }

        Console.WriteLine("deterministic: same seed, same data; different seed, different data");
        return 0;
    }

    private static void PrintHeader(BenchOptions options, BenchTarget target, BenchPlan plan)
    {
        Console.WriteLine($"Nigehban bench {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z · {Environment.ProcessorCount} cores · {RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"target {target.Describe()} · scale {options.Scale.Name} (seed {options.Seed}): {plan.Units.Count:#,0} units ({plan.StationCount:#,0} stations), {plan.Staff.Count:#,0} staff, {plan.PersonCount:#,0} persons");
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
