using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>
/// Limits that depend on time, on an app whose clock the test moves: idle and absolute session
/// limits, the lockout window, and the revalidation of Blazor circuits. The tests of this class
/// share one app and run one after another; each moves the clock forward only.
/// </summary>
public abstract class SessionClockTests(FakeClockApp app)
{
    private async Task<(HttpClient Admin, TestStaff Staff)> NewStaffAsync()
    {
        var admin = await app.SignInWithNextCodeAsync("admin");
        return (admin, await app.CreateStaffAsync(admin));
    }

    private async Task<(string Token, HttpClient Client)> SignInWithTokenAsync(TestStaff staff)
    {
        var response = await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, app.NextOtp(staff.TotpSecret));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(app.Now.AddMinutes(30));
        var token = body.GetProperty("accessToken").GetString()!;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (token, client);
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/auth/me", Ct)).StatusCode;

    private Task<StaffSession> SessionAsync(string token)
    {
        var hash = SignInStaffHandler.HashToken(token);
        return app.WithDbAsync(db => db.Set<StaffSession>().AsNoTracking().SingleAsync(s => s.TokenHash == hash, Ct));
    }

    private async Task<HttpStatusCode> FailSignInAsync(TestStaff staff) =>
        (await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, WrongOtp(staff.TotpSecret, app.Now))).StatusCode;

    [Fact]
    public async Task Session_EndsAfter30MinutesIdle_AndUseKeepsItAlive()
    {
        var (_, staff) = await NewStaffAsync();
        var (token, client) = await SignInWithTokenAsync(staff);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.OK, "used 29 minutes ago");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.Unauthorized, "idle for 30 minutes");

        var session = await SessionAsync(token);
        session.EndReason.ShouldBe("idle timeout");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.Unauthorized, "an ended session stays ended");
    }

    [Fact]
    public async Task Session_EndsAt12HoursEvenWhenInUse()
    {
        var (_, staff) = await NewStaffAsync();
        var (token, client) = await SignInWithTokenAsync(staff);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(25))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(25));
            (await MeAsync(client)).ShouldBe(HttpStatusCode.OK, $"after {elapsed + TimeSpan.FromMinutes(25)}");
        }

        var session = await SessionAsync(token);
        app.Clock.SetUtcNow(session.AbsoluteExpiresAt.AddSeconds(-1));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.OK, "one second before the absolute limit");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.Unauthorized, "at the absolute limit");
        (await SessionAsync(token)).EndReason.ShouldBe("absolute limit");
        (session.AbsoluteExpiresAt - session.CreatedAt).ShouldBe(TimeSpan.FromHours(12));
    }

    [Fact]
    public async Task Lockout_DoesNotLock_WhenFailuresSpreadOverMoreThan15Minutes()
    {
        var (admin, staff) = await NewStaffAsync();

        for (var i = 0; i < 8; i++)
        {
            (await FailSignInAsync(staff)).ShouldBe(HttpStatusCode.Unauthorized);
            app.Clock.Advance(TimeSpan.FromMinutes(4));
        }

        // The administrator's own session went idle meanwhile.
        admin = await app.SignInWithNextCodeAsync("admin");
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeFalse("never more than four failures in any 15 minutes");
        (await app.SignInWithNextCodeAsync(staff)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Lockout_CountsASlidingWindow_NotOneThatRestarts()
    {
        var (admin, staff) = await NewStaffAsync();

        // Minute 0: one failure. Minute 14: three more (four within the window).
        (await FailSignInAsync(staff)).ShouldBe(HttpStatusCode.Unauthorized);
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        for (var i = 0; i < 3; i++)
        {
            (await FailSignInAsync(staff)).ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Minute 16: the first has left the window; this one is the fourth within it, the next the fifth.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await FailSignInAsync(staff)).ShouldBe(HttpStatusCode.Unauthorized);
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeFalse();
        (await FailSignInAsync(staff)).ShouldBe(HttpStatusCode.Unauthorized);
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeTrue("five failures between minute 14 and minute 16");

        // Locked until an administrator acts, however long one waits.
        app.Clock.Advance(TimeSpan.FromDays(2));
        var stillLocked = await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, app.NextOtp(staff.TotpSecret));
        stillLocked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var admin2 = await app.SignInWithNextCodeAsync("admin");
        (await admin2.DeleteAsync($"/api/v1/staff/{staff.Id}/lockout", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.SignInWithNextCodeAsync(staff)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Lockout_ForgetsFailuresBeforeASuccessfulSignIn()
    {
        var (admin, staff) = await NewStaffAsync();
        for (var i = 0; i < 4; i++)
        {
            await FailSignInAsync(staff);
        }

        await app.SignInWithNextCodeAsync(staff);
        for (var i = 0; i < 4; i++)
        {
            await FailSignInAsync(staff);
        }

        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeFalse("eight failures, but only four since the last success");
        await FailSignInAsync(staff);
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Circuit_IsSignedOut_WhenSessionIdles_AndCircuitActivityCountsAsUse()
    {
        var (_, staff) = await NewStaffAsync();
        var (token, client) = await SignInWithTokenAsync(staff);
        var session = await SessionAsync(token);
        await using var circuit = app.Services.CreateAsyncScope();
        var revalidator = (StaffSessionRevalidator)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var activity = circuit.ServiceProvider.GetRequiredService<CircuitActivity>();
        var principal = CircuitPrincipal(session.Id);

        (await revalidator.IsSessionCurrentAsync(principal, Ct)).ShouldBeTrue();

        // The user clicks in the circuit at minute 20: no HTTP request, but the session is in use.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        activity.Record(app.Now);
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        (await revalidator.IsSessionCurrentAsync(principal, Ct)).ShouldBeTrue("last used 25 minutes ago");
        (await SessionAsync(token)).LastSeenAt.ShouldBe(app.Now.AddMinutes(-25));
        (await MeAsync(client)).ShouldBe(HttpStatusCode.OK, "the circuit's use keeps the API token alive too");

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        (await revalidator.IsSessionCurrentAsync(principal, Ct)).ShouldBeFalse("idle for 30 minutes");
        (await SessionAsync(token)).EndReason.ShouldBe("idle timeout");
    }

    [Fact]
    public async Task Circuit_IsSignedOut_WhenAccountDisabledOrSessionEnded()
    {
        var (admin, staff) = await NewStaffAsync();
        var (token, _) = await SignInWithTokenAsync(staff);
        var (otherToken, otherClient) = await SignInWithTokenAsync(staff);
        await using var circuit = app.Services.CreateAsyncScope();
        var revalidator = (StaffSessionRevalidator)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var first = CircuitPrincipal((await SessionAsync(token)).Id);
        var second = CircuitPrincipal((await SessionAsync(otherToken)).Id);

        (await otherClient.DeleteAsync("/api/v1/auth/token", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await revalidator.IsSessionCurrentAsync(second, Ct)).ShouldBeFalse("signed out");
        (await revalidator.IsSessionCurrentAsync(first, Ct)).ShouldBeTrue();

        (await admin.PutAsJsonAsync($"/api/v1/staff/{staff.Id}/status", new { status = "Disabled" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await revalidator.IsSessionCurrentAsync(first, Ct)).ShouldBeFalse("account disabled");
        (await revalidator.IsSessionCurrentAsync(new ClaimsPrincipal(new ClaimsIdentity()), Ct)).ShouldBeFalse("no session claim");
    }

    private static ClaimsPrincipal CircuitPrincipal(Guid sessionId) =>
        new(new ClaimsIdentity([new Claim(NigehbanClaims.SessionId, sessionId.ToString())], "test"));
}

public sealed class SessionClockTests_Sqlite(FakeClockSqliteApp app) : SessionClockTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class SessionClockTests_Postgres(FakeClockPostgresApp app) : SessionClockTests(app), IClassFixture<FakeClockPostgresApp>;
