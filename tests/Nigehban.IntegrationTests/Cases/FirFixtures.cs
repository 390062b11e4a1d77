using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>Generated FIRs and the HTTP steps the FIR tests share.</summary>
internal static class FirFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static object Fir(string phone, string unit = "LHR-PS01", string[]? offences = null, DateTimeOffset? occurredAt = null,
        string officer = "io", object[]? parties = null, string? complaintReference = null, string? language = null) => new
    {
        unit,
        complaintReference,
        offences = offences ?? ["PPC 392", "PPC 337-A"],
        occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddHours(-5),
        place = new { text = "Test Chowk, Test Road", latitude = 31.52, longitude = 74.35 },
        narrative = "A generated test report: two riders took a phone at gunpoint and struck the complainant.",
        parties = parties ??
        [
            new { role = "complainant", name = "Test Complainant", phone, gender = "male", age = 34 },
            new { role = "victim", name = "Test Complainant", gender = "male", age = 34 },
            new { role = "accused", unknown = true, description = "Two young men on a red motorcycle" },
            new { role = "accused", name = "Test Accused", gender = "male", age = 25 },
            new { role = "witness", name = "Test Witness", phone = "+923001234567" },
        ],
        investigatingOfficer = officer,
        language,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, object fir, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/firs") { Content = JsonContent.Create(fir) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> RegisterAsync(HttpClient client, object fir, string? idempotencyKey = null)
    {
        var response = await PostAsync(client, fir, idempotencyKey);
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
