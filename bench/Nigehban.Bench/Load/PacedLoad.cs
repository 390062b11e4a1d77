using System.Diagnostics;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Load;

/// <summary>
/// An open-loop load at a fixed rate: <c>clients</c> workers, each sending on its own fixed
/// schedule, the schedules staggered so that together they offer <c>rate</c> requests a second.
/// This is how a latency budget stated at a rate is measured (ADR-019). A worker never sends before
/// a request is due, and one behind its schedule sends at once; every latency counts from the moment
/// the request was due, not from when it went: a slow answer is charged to each request it held
/// back, so the server cannot hide a stall by slowing its clients down. Timer lateness counts
/// against the server too. Each worker still waits for its previous answer (as wrk2's connections
/// do), so during a long stall the server sees a closed loop of <c>clients</c>.
/// The measured figure is the rate answered: the requests due in the window over the time until the
/// last was answered. A server that keeps the pace shows a little under the rate offered (the last
/// answer's latency is in the time); one that cannot answers in far more time than the window.
/// </summary>
public sealed class PacedLoad(HttpClient http, int clients, double rate, TimeSpan warmup, TimeSpan duration, int seed) : LoadGenerator(http)
{
    public override async Task<Measurement> RunAsync(string label, Func<DeterministicRandom, CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var measureTo = measureFrom + Ticks(duration);
        var interval = (long)(clients / rate * Stopwatch.Frequency);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1, nameof(rate));
        var workers = Enumerable.Range(0, clients)
            .Select(i => Task.Run(() => WorkerAsync(new DeterministicRandom(seed, $"{label}/{i}"), send, start + (interval * i / clients), interval, measureFrom, measureTo, cancellationToken), cancellationToken))
            .ToArray();
        var outcomes = await Task.WhenAll(workers);
        var answeredBy = outcomes.Max(o => o.LastReceived);
        return Summarise(label, outcomes, TimeSpan.FromSeconds((Math.Max(measureTo, answeredBy) - measureFrom) / (double)Stopwatch.Frequency));
    }

    private static async Task<WorkerOutcome> WorkerAsync(
        DeterministicRandom random, Func<DeterministicRandom, CancellationToken, Task<string?>> send, long first, long interval, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(capacity: 4_096);
        long errors = 0;
        string? firstError = null;
        long lastReceived = 0;
        for (var due = first; due < measureTo && !cancellationToken.IsCancellationRequested; due += interval)
        {
            // Task.Delay counts whole milliseconds on a coarse clock and may end early: wait again until due.
            for (var early = due - Stopwatch.GetTimestamp(); early > 0; early = due - Stopwatch.GetTimestamp())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(early * 1000.0 / Stopwatch.Frequency)), cancellationToken);
            }

            var error = await SendOnceAsync(send, random, cancellationToken);
            var received = Stopwatch.GetTimestamp();
            if (error is not null)
            {
                errors++;
                firstError ??= error;
            }
            else if (due >= measureFrom)
            {
                latencies.Add(received - due);
                lastReceived = received;
            }
        }

        return new WorkerOutcome(latencies, errors, firstError, lastReceived);
    }
}
