using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nigehban.Bench.Scenarios;

/// <summary>Generated complaints for the front desk's scenarios: the service centres' generated citizens and units, the pack's categories.</summary>
public sealed class ComplaintLoad
{
    private readonly ServiceCentreLoad _citizens;
    private readonly string[] _categories;

    private ComplaintLoad(ServiceCentreLoad citizens, string[] categories)
    {
        _citizens = citizens;
        _categories = categories;
    }

    public int CategoryCount => _categories.Length;

    public static async Task<ComplaintLoad> CreateAsync(BenchContext context, long start, CancellationToken cancellationToken)
    {
        var catalogue = await context.Http.GetFromJsonAsync<JsonElement>("/api/v1/complaints/categories", cancellationToken);
        string[] categories = [.. catalogue.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
        return new ComplaintLoad(await ServiceCentreLoad.CreateAsync(context, start, cancellationToken), categories);
    }

    /// <summary>The next complaint: a generated citizen, a station or district, a category, a phone.</summary>
    public GeneratedComplaint Next(Data.DeterministicRandom random)
    {
        var citizen = _citizens.Next(random);
        return new GeneratedComplaint(citizen.UnitCode, citizen.UnitPath, _categories[random.Next(_categories.Length)], citizen.Person.Name, citizen.Phone, citizen.Person.NationalId);
    }

    /// <summary>Posts one complaint with a fresh Idempotency-Key; null and the reference on 201, else a short description of the failure.</summary>
    public static async Task<(string? Error, string? Reference)> FileAsync(HttpClient http, GeneratedComplaint complaint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(complaint.Body) };
        request.Headers.Add("Idempotency-Key", Guid.CreateVersion7().ToString("N"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return ($"HTTP {(int)response.StatusCode} from POST /api/v1/complaints: {body[..Math.Min(body.Length, 300)]}", null);
        }

        return (null, (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("reference").GetString());
    }
}

public sealed record GeneratedComplaint(string UnitCode, string UnitPath, string Category, string Name, string Phone, string NationalId)
{
    public const string Description = "Generated bench complaint: property taken from a parked vehicle near the market.";

    public object Body => new
    {
        unit = UnitCode,
        category = Category,
        description = Description,
        incidentAt = DateTimeOffset.UtcNow.AddHours(-3),
        location = new { text = "Main market, gate 2" },
        complainant = new { name = Name, phone = Phone, nationalId = NationalId },
    };
}
