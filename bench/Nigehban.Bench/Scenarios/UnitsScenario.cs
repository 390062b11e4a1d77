using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/units/{code}</c> for codes drawn at random from the force's whole unit list,
/// against <c>GET /bench/bare</c>: an anonymous endpoint on the same app returning constant JSON
/// of the same average size. The bare endpoint crosses the same Kestrel, middleware (exception
/// handler, security headers, authentication, authorization) and routing; what it skips is the
/// endpoint's own work: rate-limiting policy, directory lookup and serialisation.
/// </summary>
public sealed class UnitsScenario : IScenario
{
    private const string BarePath = "/bench/bare";
    private byte[] _barePayload = "{}"u8.ToArray();
    private Uri[] _unitUris = [];

    public string Name => "units";

    public string Measures => "GET /api/v1/units/{code}, random codes from the unit list; ceiling: constant JSON of the same size from a bare endpoint on the same host";

    public void MapEndpoints(WebApplication app) =>
        app.MapGet(BarePath, () => Results.Bytes(_barePayload, "application/json"))
            .WithName("BenchBare")
            .AllowAnonymous()
            .ExcludeFromDescription();

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var units = await context.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/units", cancellationToken) ?? [];
        var codes = units.Select(u => u.GetProperty("code").GetString()!).ToArray();
        if (codes.Length != context.Plan.Units.Count)
        {
            throw new InvalidOperationException($"the app lists {codes.Length} units, the bench generated {context.Plan.Units.Count}");
        }

        // Every code once: each must answer 200, and the bare payload takes their average size.
        long bytes = 0;
        foreach (var code in codes)
        {
            using var response = await context.Http.GetAsync(context.Url($"/api/v1/units/{Uri.EscapeDataString(code)}"), cancellationToken);
            response.EnsureSuccessStatusCode();
            bytes += (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        }

        var averageSize = (int)(bytes / codes.Length);
        _barePayload = BarePayload(averageSize);
        _unitUris = [.. codes.Select(c => context.Url($"/api/v1/units/{Uri.EscapeDataString(c)}"))];
        context.Log($"units: {codes.Length} codes, average response {averageSize} bytes; bare response {_barePayload.Length} bytes");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var bareUri = context.Url(BarePath);
        return
        [
            await context.CompareAsync("units/{code}",
                load => load.GetAsync("bare", _ => bareUri, cancellationToken),
                load => load.GetAsync("units/{code}", random => _unitUris[random.Next(_unitUris.Length)], cancellationToken)),
        ];
    }

    /// <summary>A unit-shaped JSON document padded to the given size, so both endpoints move the same bytes.</summary>
    private static byte[] BarePayload(int size)
    {
        const string Head = "{\"code\":\"BARE\",\"name\":\"";
        const string Tail = "\",\"kind\":\"station\",\"parentCode\":\"BARE\",\"path\":\"/BARE/\",\"children\":[]}";
        var padding = Math.Max(1, size - Head.Length - Tail.Length);
        return Encoding.UTF8.GetBytes(Head + new string('x', padding) + Tail);
    }
}
