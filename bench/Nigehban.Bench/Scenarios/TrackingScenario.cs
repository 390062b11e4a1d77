using System.Text;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// Public tracking, <c>GET /api/v1/service-requests/{reference}?nationalId=...</c>, for
/// applications submitted through the API during setup, against <c>GET /bench/bare-tracking</c>:
/// an anonymous endpoint on the same app returning constant JSON of the same average size. What
/// the ratio prices is the endpoint's own work: rate limiting, parsing the reference and the ID,
/// the answer from the app's tracking cache (ADR-015) or, once per application per expiry, one
/// query for the application and its timeline, and serialisation.
/// </summary>
public sealed class TrackingScenario : IScenario
{
    private const string BarePath = "/bench/bare-tracking";

    /// <summary>Applications created in setup; tracked at random.</summary>
    private const int Applications = 5_000;

    /// <summary>Persons of the plan past those the submission scenario is likely to use, so both can run in one process.</summary>
    private const long FirstPerson = 150_000;

    private byte[] _barePayload = "{}"u8.ToArray();
    private Uri[] _trackingUris = [];

    public string Name => "tracking";

    public string Measures => $"GET /api/v1/service-requests/{{reference}}?nationalId=, {Applications:#,0} applications submitted in setup; ceiling: constant JSON of the same size from a bare endpoint on the same host";

    public void MapEndpoints(WebApplication app) =>
        app.MapGet(BarePath, () => Results.Bytes(_barePayload, "application/json"))
            .WithName("BenchBareTracking")
            .AllowAnonymous()
            .ExcludeFromDescription();

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var load = await ServiceCentreLoad.CreateAsync(context, FirstPerson, cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var created = new System.Collections.Concurrent.ConcurrentBag<(string Reference, string NationalId)>();
        var remaining = Applications;
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var random = new DeterministicRandom(context.Options.Seed, $"tracking/setup/{w}");
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var application = load.Next(random);
                var (error, reference) = await ServiceCentreLoad.SubmitAsync(context.Http, application, cancellationToken);
                created.Add((reference ?? throw new InvalidOperationException($"setting up tracking: {error}"), application.Person.NationalId));
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        _trackingUris = [.. created.OrderBy(c => c.Reference, StringComparer.Ordinal)
            .Select(c => context.Url($"/api/v1/service-requests/{Uri.EscapeDataString(c.Reference)}?nationalId={c.NationalId}"))];

        // A sample must answer 200; the bare payload takes its average size.
        long bytes = 0;
        var sample = _trackingUris.Where((_, i) => i % 25 == 0).ToArray();
        foreach (var uri in sample)
        {
            using var response = await context.Http.GetAsync(uri, cancellationToken);
            response.EnsureSuccessStatusCode();
            bytes += (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        }

        var averageSize = (int)(bytes / sample.Length);
        _barePayload = BarePayload(averageSize);
        context.Log($"tracking: {_trackingUris.Length:#,0} applications submitted in {seconds:0.0} s ({_trackingUris.Length / seconds:0}/s, 16 clients); average response {averageSize} bytes; bare response {_barePayload.Length} bytes");

        // Each submission queued an SMS; the app's outbox delivers them in the background. Measuring
        // while it still does would charge its work to whichever window it overlaps.
        var drained = await ServiceCentreLoad.WaitForOutboxAsync(context, cancellationToken);
        context.Log($"tracking: outbox drained in {drained.TotalSeconds:0.0} s");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var bareUri = context.Url(BarePath);
        return
        [
            await context.CompareAsync("tracking",
                load => load.GetAsync("bare", _ => bareUri, cancellationToken),
                load => load.GetAsync("tracking", random => _trackingUris[random.Next(_trackingUris.Length)], cancellationToken)),
        ];
    }

    /// <summary>A status-shaped JSON document padded to the given size, so both endpoints move the same bytes.</summary>
    private static byte[] BarePayload(int size)
    {
        const string Head = "{\"reference\":\"BARE\",\"serviceCode\":\"bare\",\"service\":\"";
        const string Tail = "\",\"status\":\"Submitted\",\"timeline\":[]}";
        var padding = Math.Max(1, size - Head.Length - Tail.Length);
        return Encoding.UTF8.GetBytes(Head + new string('x', padding) + Tail);
    }
}
