using System.Diagnostics;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Load;

/// <summary>
/// A closed-loop load generator: <c>clients</c> workers, each sending its next request as soon as
/// the previous answer is read, for a warm-up and then a measured window. Only requests that
/// start and finish inside the window count, so throughput and latency describe the steady state.
/// A closed loop cannot overload the server; it finds the most the server does. Its latencies
/// follow from that: <c>clients</c> requests are always in flight, so the mean latency is
/// clients ÷ throughput whatever the server does with them (<see cref="PacedLoad"/> measures
/// latency at a given rate). The ceiling is measured the same way, which makes the ratio fair.
/// </summary>
public sealed class ClosedLoopLoad(HttpClient http, int clients, TimeSpan warmup, TimeSpan duration, int seed) : LoadGenerator(http)
{
    public override async Task<Measurement> RunAsync(string label, Func<DeterministicRandom, CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        var measureFrom = Stopwatch.GetTimestamp() + Ticks(warmup);
        var measureTo = measureFrom + Ticks(duration);
        var workers = Enumerable.Range(0, clients)
            .Select(i => Task.Run(() => WorkerAsync(new DeterministicRandom(seed, $"{label}/{i}"), send, measureFrom, measureTo, cancellationToken), cancellationToken))
            .ToArray();
        return Summarise(label, await Task.WhenAll(workers), duration);
    }

    private static async Task<WorkerOutcome> WorkerAsync(
        DeterministicRandom random, Func<DeterministicRandom, CancellationToken, Task<string?>> send, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(capacity: 16_384);
        long errors = 0;
        string? firstError = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= measureTo)
            {
                break;
            }

            var error = await SendOnceAsync(send, random, cancellationToken);
            var received = Stopwatch.GetTimestamp();
            if (error is not null)
            {
                // Failures count whenever they happen: a warm-up full of 429s spoils the run too.
                errors++;
                firstError ??= error;
            }
            else if (sent >= measureFrom && received <= measureTo)
            {
                latencies.Add(received - sent);
            }
        }

        return new WorkerOutcome(latencies, errors, firstError);
    }
}
