using Nigehban.Bench;
using Nigehban.Bench.Data;

// dotnet run -c Release --project bench/Nigehban.Bench -- <verb> [--options]; see bench/README.md.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    var options = BenchOptions.Parse(args);
    return options.Verb switch
    {
        "generate" => await BenchCommands.GenerateAsync(options, cancellation.Token),
        "run" => await BenchCommands.RunAsync(options, cancellation.Token),
        "verify-determinism" => BenchCommands.VerifyDeterminism(options),
        "help" => Usage(Console.Out, 0),
        _ => throw new BenchUsageException($"unknown verb '{options.Verb}'"),
    };
}
catch (BenchUsageException ex)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    return Usage(Console.Error, 2);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: cancelled");
    return 130;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    return 1;
}

static int Usage(TextWriter writer, int exitCode)
{
    writer.WriteLine("""
        usage: Nigehban.Bench <verb> [--options]
          generate             fill the bench database (always afresh) and print rows/s beside raw INSERT/COPY
          run                  generate if needed, start the app in-process, run scenarios, print each beside its ceiling
          verify-determinism   plan the data twice from one seed and once from another; fail unless digests agree/differ
        options:
          --scale small|medium|large|province-decade   data size (default small)
          --seed N                     seed of the synthetic data (default 42)
          --persons N                  override the scale's number of persons
          --requests N                 override the scale's number of service applications (province-decade: 10,000,000)
          --provider sqlite|postgres   database (default sqlite, file under artifacts/bench/)
          --connection "..."           connection string (required for postgres)
          --data-dir DIR               the instance's data folder (keys; SQLite file)
          --scenario NAME              run one scenario (default all): units, submission, tracking, dashboard, complaint-intake, complaint-tracking
          --clients N                  concurrent closed-loop clients (default 32)
          --duration 10s               measured window per figure (default 10s)
          --warmup 3s                  warm-up before each window (default 3s)
          --rounds N                   run: alternate ceiling and figure N times, keep the median round (default 1)
          --rate N                     run: the requests a second at which latency budgets are measured (default: the budget's)
          --repeat N                   generation: alternate ceiling and table N times, keep medians (default 3)
          --regenerate                 run: regenerate even when the data is already there
        """);
    return exitCode;
}
