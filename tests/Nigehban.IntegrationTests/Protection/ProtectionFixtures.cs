using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>Generated protection cases and staff for the tests: invented names and statements, never real people.</summary>
public static class ProtectionFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A string no other test writes, to search for afterwards.</summary>
    public static string Canary(string what) => $"Canary{what}{Guid.NewGuid():N}"[..(16 + what.Length)];

    public static object Case(string centre, string? name, string? contact = "+923001234567", bool anonymous = false, string? statement = null,
        string[]? groups = null, string[]? needs = null, string? address = null) => new
    {
        centre,
        groups = groups ?? ["woman"],
        needs = needs ?? ["shelter", "legal-aid"],
        anonymous,
        name,
        contact,
        address,
        statement = statement ?? "Generated statement for a test case.",
    };

    public static async Task<string> OpenAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/protection-cases", body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
    }

    /// <summary>A new account with one role at a unit, created by the demo administrator.</summary>
    public static async Task<TestStaff> NewStaffAsync(NigehbanApp app, HttpClient admin, string role, string unitCode)
    {
        var userName = "p-" + Guid.NewGuid().ToString("N")[..12];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { userName, displayName = "Generated officer", unitCode, roles = new[] { role }, password }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var enrolment = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new TestStaff(enrolment.GetProperty("accountId").GetGuid(), userName, password, enrolment.GetProperty("totpSecret").GetString()!);
    }

    /// <summary>Signs a fresh account in with the current code (each new account signs in once per test).</summary>
    public static Task<HttpClient> SignInAsync(NigehbanApp app, TestStaff staff) =>
        app is FakeClockApp fake ? fake.SignInWithNextCodeAsync(staff) : app.BearerClientAsync(staff.UserName, staff.Password, IdentityTestKit.Otp(staff.TotpSecret, DateTimeOffset.UtcNow));

    public static async Task<string?> FieldOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.TryGetProperty("field", out var field) ? field.GetString() : null;
    }
}
