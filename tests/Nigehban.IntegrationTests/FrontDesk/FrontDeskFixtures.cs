using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Outbox;
using Shouldly;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>Generated complainants and the HTTP steps the front-desk tests share.</summary>
internal static class FrontDeskFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A phone number no other test uses, so that a complaint's SMS and tracking are its own.</summary>
    public static string NewPhone() => "+92" + Random.Shared.NextInt64(3_000_000_000, 3_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static object Complaint(string phone, string unit = "LHR-PS01", string category = "theft", DateTimeOffset? incidentAt = null, string? nationalId = null) => new
    {
        unit,
        category,
        description = "A generated test complaint: a bicycle was taken from outside a shop.",
        incidentAt = incidentAt ?? DateTimeOffset.UtcNow.AddHours(-3),
        location = new { text = "Test Market, Test Road", latitude = 31.55, longitude = 74.34 },
        complainant = new { name = "Test Complainant", phone, nationalId },
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, object complaint, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(complaint) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    public static async Task<string> FileAsync(HttpClient client, object complaint)
    {
        var response = await PostAsync(client, complaint);
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(200, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The field a ProblemDetails answer names, after checking its status.</summary>
    public static async Task<string?> FieldOfAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(status, body);
        return JsonDocument.Parse(body).RootElement.TryGetProperty("field", out var field) ? field.GetString() : null;
    }

    public static Task<List<string>> SmsToAsync(NigehbanApp app, string phone) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Sms && m.Recipient == phone)
            .OrderBy(m => m.Id)
            .Select(m => m.Payload).ToListAsync(Ct));

    public static Task<HttpResponseMessage> AssignAsync(HttpClient sho, string reference, string officer = "io", string phone = "+923331112233") =>
        sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/assignment", new { officer, officerName = "Inspector Test Officer", phone }, Ct);
}
