using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Identity;

public abstract class SignInTests(NigehbanApp app)
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task Token_Returns200WithTokenAndExpiry_AndBearerReachesProtectedEndpoint()
    {
        var admin = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.Administrator);
        var client = app.CreateClient();

        var response = await client.RequestTokenAsync(admin.UserName, admin.Password, Otp(admin.TotpSecret, Now));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        var token = body.GetProperty("accessToken").GetString();
        token.ShouldNotBeNullOrWhiteSpace();
        token.Length.ShouldBeGreaterThanOrEqualTo(40);
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        expiresAt.ShouldBeInRange(Now.AddMinutes(29), Now.AddMinutes(31));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/v1/staff", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await (await client.GetAsync("/api/v1/auth/me", Ct)).ReadJsonAsync();
        me.GetProperty("userName").GetString().ShouldBe(admin.UserName);
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain(Permissions.StaffManage);
    }

    [Fact]
    public async Task Token_RefusesACodeAlreadyUsed_AndTheNextCodeStillWorks()
    {
        var officer = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.InvestigatingOfficer);
        var code = Otp(officer.TotpSecret, Now);

        (await app.CreateClient().RequestTokenAsync(officer.UserName, officer.Password, code)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replayed = await app.CreateClient().RequestTokenAsync(officer.UserName, officer.Password, code);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DeniedReasonsAsync(officer)).ShouldBe([SignInStaffHandler.CodeAlreadyUsed], "the trail tells a replay from a wrong code");
        (await replayed.ReadJsonAsync()).GetProperty("detail").GetString().ShouldBe("This one-time code has already been used. Wait for the next code in your authenticator app and sign in with it.", "the officer is told to wait for the next code");

        // Only the holder of the password learns that: with a wrong password the answer stays the general one.
        var guessed = await app.CreateClient().RequestTokenAsync(officer.UserName, officer.Password + "x", code);
        (await guessed.ReadJsonAsync()).GetProperty("detail").GetString().ShouldBe("The user name, password or one-time code is not correct, or the account cannot sign in.");

        // The code of the next step (accepted for clock drift) is a new code: it signs in once.
        var next = Otp(officer.TotpSecret, Now.AddSeconds(30));
        if (next != code)
        {
            (await app.CreateClient().RequestTokenAsync(officer.UserName, officer.Password, next)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await app.CreateClient().RequestTokenAsync(officer.UserName, officer.Password, next)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Token_SignsInOnce_WhenSignInsRaceWithOneCode()
    {
        var officer = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.InvestigatingOfficer);
        var code = Otp(officer.TotpSecret, Now);

        // Four at once (five failures would lock the account): all read the account before any commits.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            (await app.CreateClient().RequestTokenAsync(officer.UserName, officer.Password, code)).StatusCode));

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Unauthorized).ShouldBe(3, string.Join(", ", statuses));
        (await app.WithDbAsync(db => db.Set<StaffSession>().CountAsync(x => x.AccountId == officer.Id, Ct))).ShouldBe(1);
        (await DeniedReasonsAsync(officer)).ShouldBe(Enumerable.Repeat(SignInStaffHandler.CodeAlreadyUsed, 3));
    }

    [Fact]
    public async Task Token_AcceptsUserNameInAnyCase()
    {
        var io = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.InvestigatingOfficer);

        var response = await app.CreateClient().RequestTokenAsync($" {io.UserName.ToUpperInvariant()} ", io.Password, Otp(io.TotpSecret, Now));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_ReturnsSameGeneric401_ForUnknownUserWrongPasswordWrongCodeDisabledAndLocked()
    {
        var admin = await app.SignInAsync("admin");
        var good = await app.CreateStaffAsync(admin);
        var disabled = await app.CreateStaffAsync(admin);
        (await admin.PutAsJsonAsync($"/api/v1/staff/{disabled.Id}/status", new { status = "Disabled" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var locked = await app.CreateStaffAsync(admin);
        for (var i = 0; i < 5; i++)
        {
            await app.CreateClient().RequestTokenAsync(locked.UserName, "not-the-password", Otp(locked.TotpSecret, Now));
        }

        var client = app.CreateClient();
        var attempts = new Dictionary<string, HttpResponseMessage>
        {
            ["unknown user"] = await client.RequestTokenAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], good.Password, Otp(good.TotpSecret, Now)),
            ["wrong password"] = await client.RequestTokenAsync(good.UserName, good.Password + "x", Otp(good.TotpSecret, Now)),
            ["wrong code"] = await client.RequestTokenAsync(good.UserName, good.Password, WrongOtp(good.TotpSecret, Now)),
            ["no code"] = await client.RequestTokenAsync(good.UserName, good.Password, null),
            ["disabled"] = await client.RequestTokenAsync(disabled.UserName, disabled.Password, Otp(disabled.TotpSecret, Now)),
            ["locked, right credentials"] = await client.RequestTokenAsync(locked.UserName, locked.Password, Otp(locked.TotpSecret, Now)),
        };

        var bodies = new Dictionary<string, string>();
        foreach (var (kind, response) in attempts)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, kind);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", kind);
            var problem = await response.ReadJsonAsync();
            problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty(kind);
            bodies[kind] = Comparable(problem);
        }

        bodies.Values.Distinct().Count().ShouldBe(1, string.Join("\n", bodies.Select(b => $"{b.Key}: {b.Value}")));

        // The good account was not harmed by two failures: it still signs in.
        (await client.RequestTokenAsync(good.UserName, good.Password, Otp(good.TotpSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_Returns400_WhenBodyIsNotJson()
    {
        using var content = new StringContent("userName=admin", System.Text.Encoding.UTF8, "application/json");

        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lockout_AfterFiveFailures_RefusesRightCredentialsUntilAdministratorUnlocks()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);
        var client = app.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            (await client.RequestTokenAsync(staff.UserName, staff.Password, WrongOtp(staff.TotpSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeFalse("four failures do not lock");
        (await client.RequestTokenAsync(staff.UserName, "wrong-password-again", Otp(staff.TotpSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeTrue("the fifth failure locks");

        (await client.RequestTokenAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await admin.DeleteAsync($"/api/v1/staff/{staff.Id}/lockout", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeFalse();

        // Failures from before the unlock no longer count: one more does not lock again.
        (await client.RequestTokenAsync(staff.UserName, "wrong-password-again", Otp(staff.TotpSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await IsLockedOutAsync(admin, staff.Id)).ShouldBeFalse();
        (await client.RequestTokenAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lockout_EndsOpenSessions()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);
        var signedIn = await app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now));
        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 5; i++)
        {
            await app.CreateClient().RequestTokenAsync(staff.UserName, "guessing-" + i, Otp(staff.TotpSecret, Now));
        }

        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokeToken_EndsTheSession()
    {
        // An account of its own: the demo users' tokens are shared by the other tests (NigehbanApp.SignInAsync).
        var staff = await app.CreateStaffAsync(await app.SignInAsync("admin"));
        var client = await app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now));
        (await client.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.DeleteAsync("/api/v1/auth/token", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task ProtectedEndpoint_Returns401ProblemDetails_ForMissingOrForgedToken(string authorization)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/v1/auth/me", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    /// <summary>The reasons recorded for the account's refused sign-ins, oldest first.</summary>
    private Task<List<string?>> DeniedReasonsAsync(TestStaff staff)
    {
        var id = staff.Id.ToString();
        return app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ObjectId == id && e.Action == SignInStaffHandler.AuditAction && e.Outcome == AuditOutcome.Denied)
            .OrderBy(e => e.Id).Select(e => e.Details).ToListAsync(Ct));
    }

    /// <summary>Everything but the per-request trace id.</summary>
    private static string Comparable(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"));
}

public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app);

public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app);
