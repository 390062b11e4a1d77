using System.Diagnostics;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Load;

/// <summary>
/// What the load generators share: <c>clients</c> workers over one keep-alive connection each, a
/// warm-up, then a measured window; failures counted whenever they happen, latencies only inside
/// the window. <see cref="ClosedLoopLoad"/> finds the most a server does; <see cref="PacedLoad"/>
/// what its answers take at a given rate.
/// </summary>
public abstract class LoadGenerator(HttpClient http)
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
    /// the failure. Scenarios with a body or a signed-in client plug in here.
    /// </summary>
    public abstract Task<Measurement> RunAsync(string label, Func<DeterministicRandom, CancellationToken, Task<string?>> send, CancellationToken cancellationToken);

    /// <summary>Sends one request; a refused connection or a client-side timeout is a failure like an error status.</summary>
    protected static async Task<string?> SendOnceAsync(Func<DeterministicRandom, CancellationToken, Task<string?>> send, DeterministicRandom random, CancellationToken cancellationToken)
    {
        try
        {
            return await send(random, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"timeout: {ex.Message}";
        }
    }

    protected sealed record WorkerOutcome(List<long> Latencies, long Errors, string? FirstError, long LastReceived = 0);

    protected static Measurement Summarise(string label, WorkerOutcome[] outcomes, TimeSpan elapsed)
    {
        var latencies = outcomes.SelectMany(o => o.Latencies).ToArray();
        var firstError = outcomes.Select(o => o.FirstError).FirstOrDefault(e => e is not null);
        return new Measurement(label, latencies.Length, elapsed, "req/s", LatencySummary.FromTicks(latencies), outcomes.Sum(o => o.Errors), firstError);
    }

    protected static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
