using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using OtpNet;
using Shouldly;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>An account a test created for itself, with what it needs to sign in.</summary>
public sealed record TestStaff(Guid Id, string UserName, string Password, string TotpSecret);

/// <summary>Sign-in and account helpers shared by the identity tests.</summary>
public static class IdentityTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Otp(string base32Secret, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>
    /// The code of the step after <paramref name="at"/>'s, which the server accepts for clock drift:
    /// a code works once, so a second sign-in of an account within one 30-second step needs it.
    /// </summary>
    public static string NextOtp(string base32Secret, DateTimeOffset at) => Otp(base32Secret, at.AddSeconds(30));

    /// <summary>A well-formed code that is none of those the server accepts at <paramref name="at"/> (one step either side).</summary>
    public static string WrongOtp(string base32Secret, DateTimeOffset at)
    {
        var accepted = new[] { at.AddSeconds(-30), at, at.AddSeconds(30) }.Select(t => Otp(base32Secret, t)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(code => !accepted.Contains(code));
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, string? userName, string? password, string? otp) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password, otp }, Ct);

    /// <summary>A client carrying a bearer token, failing the test when sign-in does not succeed.</summary>
    public static async Task<HttpClient> BearerClientAsync(this NigehbanApp app, string userName, string password, string otp)
    {
        var client = app.CreateClient();
        var response = await client.RequestTokenAsync(userName, password, otp);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Creates an account through the administrator API, so destructive tests never touch the demo accounts.</summary>
    public static async Task<TestStaff> CreateStaffAsync(this NigehbanApp app, HttpClient admin, string role = Roles.FrontDesk)
    {
        var userName = "t-" + Guid.NewGuid().ToString("N")[..12];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync(
            "/api/v1/staff",
            new { userName, displayName = "Test officer", unitCode = app.Demo("frontdesk").Unit, roles = new[] { role }, password },
            Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var enrolment = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new TestStaff(enrolment.GetProperty("accountId").GetGuid(), userName, password, enrolment.GetProperty("totpSecret").GetString()!);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    public static async Task<bool> IsLockedOutAsync(HttpClient admin, Guid accountId) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{accountId}", Ct)).GetProperty("isLockedOut").GetBoolean();
}

/// <summary>
/// An app whose clock the test moves: sessions, lockout windows and TOTP codes all read the
/// app's <see cref="TimeProvider"/>. One per test class; the tests of a class run one after another.
/// </summary>
public abstract class FakeClockApp : NigehbanApp
{
    /// <summary>Starts on a whole second: PostgreSQL keeps microseconds, and the tests compare stored instants.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// A code for a new sign-in: the clock first moves to the start of the next 30-second step, as
    /// a person waits for the next code, because a code works once and the tests sign the same
    /// accounts in repeatedly without the clock moving otherwise.
    /// </summary>
    public string NextOtp(string base32Secret)
    {
        var step = Now.ToUnixTimeSeconds() / 30;
        Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds((step + 1) * 30));
        return IdentityTestKit.Otp(base32Secret, Now);
    }

    public Task<HttpClient> SignInWithNextCodeAsync(TestStaff staff) => this.BearerClientAsync(staff.UserName, staff.Password, NextOtp(staff.TotpSecret));

    public Task<HttpClient> SignInWithNextCodeAsync(string demoUser)
    {
        var demo = Demo(demoUser);
        return this.BearerClientAsync(demo.UserName, demo.Password, NextOtp(demo.TotpSecret));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class FakeClockSqliteApp : FakeClockApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class FakeClockPostgresApp : FakeClockApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
