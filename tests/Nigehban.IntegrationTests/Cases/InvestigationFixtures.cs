using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>The HTTP steps of an investigation that the case-work tests share.</summary>
internal static class InvestigationFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> DiaryAsync(HttpClient client, string reference, string? text) =>
        client.PostAsJsonAsync($"/api/v1/firs/{reference}/diary", new { text }, Ct);

    public static Task<HttpResponseMessage> ArrestAsync(HttpClient client, string reference, object arrest) =>
        client.PostAsJsonAsync($"/api/v1/firs/{reference}/arrests", arrest, Ct);

    public static Task<HttpResponseMessage> RecoveryAsync(HttpClient client, string reference, object recovery) =>
        client.PostAsJsonAsync($"/api/v1/firs/{reference}/recoveries", recovery, Ct);

    public static Task<HttpResponseMessage> StageAsync(HttpClient client, string reference, string stage, string? note = null) =>
        client.PutAsJsonAsync($"/api/v1/firs/{reference}/stage", new { stage, note }, Ct);

    public static Task<HttpResponseMessage> AssignOfficerAsync(HttpClient client, string reference, string? officer, string? reason) =>
        client.PutAsJsonAsync($"/api/v1/firs/{reference}/investigating-officer", new { officer, reason }, Ct);

    public static async Task<JsonElement> InvestigationAsync(HttpClient client, string reference) =>
        await FrontDesk.FrontDeskFixtures.OkAsync(await client.GetAsync($"/api/v1/firs/{reference}/investigation", Ct));

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A new investigating officer posted at <paramref name="unitCode"/>, created through the administrator API.</summary>
    public static async Task<TestStaff> CreateOfficerAsync(NigehbanApp app, string unitCode)
    {
        var admin = await app.SignInAsync("admin");
        var userName = "io-" + Guid.NewGuid().ToString("N")[..10];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync("/api/v1/staff",
            new { userName, displayName = "Test IO " + userName, unitCode, roles = new[] { "InvestigatingOfficer" }, password }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(201, body);
        var enrolment = JsonDocument.Parse(body).RootElement;
        return new TestStaff(enrolment.GetProperty("accountId").GetGuid(), userName, password, enrolment.GetProperty("totpSecret").GetString()!);
    }
}
