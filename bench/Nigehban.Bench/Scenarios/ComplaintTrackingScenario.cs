using System.Text;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// Public complaint tracking, <c>GET /api/v1/complaints/{reference}?phone=...</c>, for complaints
/// filed through the API during setup, against <c>GET /bench/bare-complaint-tracking</c>: an
/// anonymous endpoint on the same app returning constant JSON of the same average size. What the
/// ratio prices is the endpoint's own work: rate limiting, parsing the reference and the phone, one
/// query for the complaint and its timeline (no cache, unlike applications' tracking), the unit's
/// and category's names, and serialisation.
/// </summary>
public sealed class ComplaintTrackingScenario : IScenario
{
    private const string BarePath = "/bench/bare-complaint-tracking";

    /// <summary>Complaints created in setup; tracked at random.</summary>
    private const int Applications = 5_000;

    /// <summary>Persons of the plan past those the other scenarios are likely to use, so all can run in one process.</summary>
    private const long FirstPerson = 450_000;

    private byte[] _barePayload = "{}"u8.ToArray();
    private Uri[] _trackingUris = [];

    public string Name => "complaint-tracking";

    public string Measures => $"GET /api/v1/complaints/{{reference}}?phone=, {Applications:#,0} complaints filed in setup; ceiling: constant JSON of the same size from a bare endpoint on the same host";

    public void MapEndpoints(WebApplication app) =>
        app.MapGet(BarePath, () => Results.Bytes(_barePayload, "application/json"))
            .WithName("BenchBareComplaintTracking")
            .AllowAnonymous()
            .ExcludeFromDescription();

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var load = await ComplaintLoad.CreateAsync(context, FirstPerson, cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var created = new System.Collections.Concurrent.ConcurrentBag<(string Reference, string Phone)>();
        var remaining = Applications;
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var random = new DeterministicRandom(context.Options.Seed, $"complaint-tracking/setup/{w}");
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var complaint = load.Next(random);
                var (error, reference) = await ComplaintLoad.FileAsync(context.Http, complaint, cancellationToken);
                created.Add((reference ?? throw new InvalidOperationException($"setting up complaint tracking: {error}"), complaint.Phone));
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        _trackingUris = [.. created.OrderBy(c => c.Reference, StringComparer.Ordinal)
            .Select(c => context.Url($"/api/v1/complaints/{Uri.EscapeDataString(c.Reference)}?phone={Uri.EscapeDataString(c.Phone)}"))];

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
        context.Log($"complaint-tracking: {_trackingUris.Length:#,0} complaints filed in {seconds:0.0} s ({_trackingUris.Length / seconds:0}/s, 16 clients); average response {averageSize} bytes; bare response {_barePayload.Length} bytes");

        // Each submission queued an SMS; the app's outbox delivers them in the background. Measuring
        // while it still does would charge its work to whichever window it overlaps.
        var drained = await ServiceCentreLoad.WaitForOutboxAsync(context, cancellationToken);
        context.Log($"complaint-tracking: outbox drained in {drained.TotalSeconds:0.0} s");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var bareUri = context.Url(BarePath);
        return
        [
            await context.CompareAsync("complaint tracking",
                load => load.GetAsync("bare", _ => bareUri, cancellationToken),
                load => load.GetAsync("complaint-tracking", random => _trackingUris[random.Next(_trackingUris.Length)], cancellationToken)),
        ];
    }

    /// <summary>A status-shaped JSON document padded to the given size, so both endpoints move the same bytes.</summary>
    private static byte[] BarePayload(int size)
    {
        const string Head = "{\"reference\":\"BARE\",\"category\":\"";
        const string Tail = "\",\"status\":\"Received\",\"timeline\":[]}";
        var padding = Math.Max(1, size - Head.Length - Tail.Length);
        return Encoding.UTF8.GetBytes(Head + new string('x', padding) + Tail);
    }
}
