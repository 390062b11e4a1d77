using System.Diagnostics;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Load;

/// <summary>
/// A closed-loop load generator: <c>clients</c> workers, each sending its next request as soon as
/// the previous answer is read, for a warm-up and then a measured window. Only requests that
/// start and finish inside the window count, so throughput and latency describe the steady state.
/// A closed loop cannot overload the server, so its latencies are a floor, not a tail under
/// overload; the ceiling is measured the same way, which is what makes the ratio fair.
/// </summary>
public sealed class ClosedLoopLoad(HttpClient http, int clients, TimeSpan warmup, TimeSpan duration, int seed)
{
    /// <summary>One HTTP/1.1 keep-alive connection per client, as a pool of real clients would hold.</summary>
    public static HttpClient CreateClient(Uri baseAddress, int clients) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Runs GETs to the URIs <paramref name="next"/> picks (each worker has its own deterministic random stream).</summary>
    public Task<Measurement> GetAsync(string label, Func<DeterministicRandom, Uri> next, CancellationToken cancellationToken) =>
        RunAsync(label, async (random, token) =>
        {
            using var response = await http.GetAsync(next(random), HttpCompletionOption.ResponseContentRead, token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.PathAndQuery}";
        }, cancellationToken);

    /// <summary>
    /// Runs any request: <paramref name="send"/> returns null on success or a short description of
    /// the failure. Later scenarios (submissions with a body, signed-in clients) plug in here.
    /// </summary>
    public async Task<Measurement> RunAsync(string label, Func<DeterministicRandom, CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients)
            .Select(i => Task.Run(() => WorkerAsync(new DeterministicRandom(seed, $"{label}/{i}"), send, measureFrom, measureTo, cancellationToken), cancellationToken))
            .ToArray();
        var outcomes = await Task.WhenAll(workers);

        var latencies = outcomes.SelectMany(o => o.Latencies).ToArray();
        var firstError = outcomes.Select(o => o.FirstError).FirstOrDefault(e => e is not null);
        return new Measurement(label, latencies.Length, duration, "req/s", LatencySummary.FromTicks(latencies), outcomes.Sum(o => o.Errors), firstError);
    }

    private sealed record WorkerOutcome(List<long> Latencies, long Errors, string? FirstError);

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

            string? error;
            try
            {
                error = await send(random, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"timeout: {ex.Message}";
            }

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
