using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.PoliceComplaints;

/// <summary>Generated complaints against police for the tests: invented names, random phone numbers.</summary>
public static class PoliceComplaintFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewPhone() => "+92300" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static object Complaint(string station, string phone, string type = "illegal-detention", string? name = null, string channel = "web", string? accusedOfficerUserName = null) => new
    {
        type,
        channel,
        station,
        accusedOfficer = "Generated Officer " + Guid.NewGuid().ToString("N")[..6],
        accusedOfficerUserName,
        description = "Generated test complaint: held overnight without any entry in the register.",
        complainant = new { name = name ?? "Generated Complainant " + Guid.NewGuid().ToString("N")[..6], phone },
    };

    /// <summary>Submits a complaint (as a citizen unless a client is given) and returns its reference.</summary>
    public static async Task<string> SubmitAsync(NigehbanApp app, string station, string phone, HttpClient? client = null, string type = "illegal-detention", string? name = null, string? accusedOfficerUserName = null)
    {
        client ??= app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/police-complaints",
            Complaint(station, phone, type, name, client.DefaultRequestHeaders.Authorization is null ? "web" : "phone", accusedOfficerUserName), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
    }

    public static async Task<HttpResponseMessage> AssignAsync(HttpClient centre, string reference, string officer) =>
        await centre.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/assignment", new { officer }, Ct);

    public static async Task<string?> FieldOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.TryGetProperty("field", out var field) ? field.GetString() : null;
    }
}
