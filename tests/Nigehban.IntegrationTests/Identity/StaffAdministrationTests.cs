using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Identity;

public abstract class StaffAdministrationTests(NigehbanApp app)
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static readonly (string Method, string Path)[] AdminRoutes =
    [
        ("GET", "/api/v1/staff"),
        ("GET", $"/api/v1/staff/{Guid.Empty}"),
        ("POST", "/api/v1/staff"),
        ("POST", $"/api/v1/staff/{Guid.Empty}/mfa-enrolments"),
        ("DELETE", $"/api/v1/staff/{Guid.Empty}/lockout"),
        ("PUT", $"/api/v1/staff/{Guid.Empty}/status"),
        ("POST", $"/api/v1/staff/{Guid.Empty}/mfa-reset"),
        ("POST", $"/api/v1/staff/{Guid.Empty}/unlock"),
        ("POST", $"/api/v1/staff/{Guid.Empty}/disable"),
        ("POST", $"/api/v1/staff/{Guid.Empty}/enable"),
    ];

    [Fact]
    public async Task Create_ReturnsSecretAndOtpauthUriOnce_AndTheAccountCanSignIn()
    {
        var admin = await app.SignInAsync("admin");
        var userName = "t-" + Guid.NewGuid().ToString("N")[..10];

        var response = await admin.PostAsJsonAsync(
            "/api/v1/staff",
            new { userName = userName.ToUpperInvariant(), displayName = "Inspector Test", unitCode = "LHR", roles = new[] { Roles.Sho }, password = "correct-horse-battery" },
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var enrolment = await response.ReadJsonAsync();
        var id = enrolment.GetProperty("accountId").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/staff/{id}");
        enrolment.GetProperty("userName").GetString().ShouldBe(userName);
        var secret = enrolment.GetProperty("totpSecret").GetString()!;
        secret.Length.ShouldBe(32);
        var uri = new Uri(enrolment.GetProperty("provisioningUri").GetString()!);
        uri.Scheme.ShouldBe("otpauth");
        uri.Host.ShouldBe("totp");
        uri.Query.ShouldContain($"secret={secret}");
        uri.Query.ShouldContain("issuer=");

        // Shown once: reading the account back never shows the secret.
        var read = await admin.GetAsync($"/api/v1/staff/{id}", Ct);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await read.Content.ReadAsStringAsync(Ct);
        text.ShouldNotContain(secret);
        var summary = JsonDocument.Parse(text).RootElement;
        summary.GetProperty("unitCode").GetString().ShouldBe("LHR");
        summary.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Sho]);
        summary.GetProperty("isLockedOut").GetBoolean().ShouldBeFalse();

        var me = await (await (await app.BearerClientAsync(userName, "correct-horse-battery", Otp(secret, Now))).GetAsync("/api/v1/auth/me", Ct)).ReadJsonAsync();
        me.GetProperty("unitCode").GetString().ShouldBe("LHR");
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain(Permissions.CasesSupervise);
    }

    [Theory]
    [InlineData("userName", "has space")]
    [InlineData("userName", "x")]
    [InlineData("roles", "Superintendent")]
    [InlineData("roles", "")]
    [InlineData("unitCode", "NO-SUCH-UNIT")]
    [InlineData("password", "short")]
    public async Task Create_Returns400NamingTheField_WhenInputInvalid(string field, string value)
    {
        var admin = await app.SignInAsync("admin");
        var request = new Dictionary<string, object>
        {
            ["userName"] = "t-" + Guid.NewGuid().ToString("N")[..10],
            ["displayName"] = "Test officer",
            ["unitCode"] = "LHR",
            ["roles"] = new[] { Roles.FrontDesk },
            ["password"] = "a-long-enough-password",
        };
        request[field] = field == "roles" ? (value.Length == 0 ? Array.Empty<string>() : new[] { value }) : value;

        var response = await admin.PostAsJsonAsync("/api/v1/staff", request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();

        // Shape errors come from AddValidation, which names C# properties ("UserName"); rule errors
        // from the handler use the JSON name ("userName"). Either names the field.
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldContain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase), problem.ToString());
    }

    [Fact]
    public async Task Create_Returns400_WhenUserNameTaken()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync(
            "/api/v1/staff",
            new { userName = "Admin", displayName = "Second admin", unitCode = "LHR", roles = new[] { Roles.Administrator }, password = "a-long-enough-password" },
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("userName");
    }

    [Fact]
    public async Task Create_Returns400NamingUserName_NeverA500_WhenTwoAdministratorsTakeTheSameNameAtOnce()
    {
        var admin = await app.SignInAsync("admin");
        for (var round = 0; round < 5; round++)
        {
            // The password hash between the check and the insert leaves each request a wide window.
            var userName = "race-" + Guid.NewGuid().ToString("N")[..12];
            var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => admin.PostAsJsonAsync(
                "/api/v1/staff",
                new { userName, displayName = "Raced officer", unitCode = app.Demo("frontdesk").Unit, roles = new[] { Roles.FrontDesk }, password = "a-long-enough-password" },
                Ct)));

            responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, $"round {round}");
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync(Ct));
                (await refused.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("userName");
            }
        }
    }

    [Fact]
    public async Task Get_Returns404_WhenAccountUnknown()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.GetAsync($"/api/v1/staff/{Guid.NewGuid()}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("id");
    }

    [Fact]
    public async Task List_PagesAndSearches()
    {
        var admin = await app.SignInAsync("admin");

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff?search=frontdesk&pageSize=1", Ct);

        page.GetProperty("pageSize").GetInt32().ShouldBe(1);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        page.GetProperty("items").EnumerateArray().Single().GetProperty("userName").GetString().ShouldStartWith("frontdesk");
        (await admin.GetAsync("/api/v1/staff?pageSize=101", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ResetMfa_OldCodeStopsWorking_NewCodeWorks_AndOpenSessionsEnd()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);
        var signedIn = await app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now));
        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reset = await admin.PostAsync($"/api/v1/staff/{staff.Id}/mfa-enrolments", null, Ct);

        reset.StatusCode.ShouldBe(HttpStatusCode.Created);
        var newSecret = (await reset.ReadJsonAsync()).GetProperty("totpSecret").GetString()!;
        newSecret.ShouldNotBe(staff.TotpSecret);
        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var oldCode = Otp(staff.TotpSecret, Now);
        if (!new[] { Now.AddSeconds(-30), Now, Now.AddSeconds(30) }.Select(t => Otp(newSecret, t)).Contains(oldCode))
        {
            (await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, oldCode)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, Otp(newSecret, Now))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_EndsSessionsAtOnce_AndEnableLetsTheAccountSignInAgain()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);
        var signedIn = await app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now));
        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PutAsJsonAsync($"/api/v1/staff/{staff.Id}/status", new { status = "Disabled" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // An unused code (the first one is spent): refused only because the account is disabled.
        var unusedCode = NextOtp(staff.TotpSecret, Now);
        (await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, unusedCode)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{staff.Id}", Ct)).GetProperty("isDisabled").GetBoolean().ShouldBeTrue();

        (await admin.PutAsJsonAsync($"/api/v1/staff/{staff.Id}/status", new { status = "Active" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The old session stays ended; a new sign-in works, with the code refused while disabled.
        (await signedIn.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().RequestTokenAsync(staff.UserName, staff.Password, unusedCode)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_Returns409_ForOwnAccount()
    {
        var admin = await app.SignInAsync("admin");
        var secondAdmin = await app.CreateStaffAsync(admin, Roles.Administrator);
        var client = await app.BearerClientAsync(secondAdmin.UserName, secondAdmin.Password, Otp(secondAdmin.TotpSecret, Now));

        var response = await client.PutAsJsonAsync($"/api/v1/staff/{secondAdmin.Id}/status", new { status = "Disabled" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("auditor")]
    [InlineData("ig")]
    public async Task AdministratorApi_Returns403_ForOtherRoles(string demoUser)
    {
        var client = await app.SignInAsync(demoUser);

        foreach (var (method, path) in AdminRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null };
            var response = await client.SendAsync(request, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path}");
        }
    }

    [Fact]
    public async Task AdministratorApi_Returns401ProblemDetails_ForAnonymous()
    {
        var client = app.CreateClient();

        foreach (var (method, path) in AdminRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null };
            var response = await client.SendAsync(request, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task DeniedAccess_IsAudited_ForSignedInUserAndAnonymous()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);
        var officer = await app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, Now));
        var forbiddenPath = $"/api/v1/staff/{Guid.NewGuid()}";
        var anonymousPath = $"/api/v1/staff/{Guid.NewGuid()}";

        var forbidden = await officer.GetAsync(forbiddenPath, Ct);
        var challenged = await app.CreateClient().GetAsync(anonymousPath, Ct);

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        challenged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var events = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == AuditDeniedAccess.Action && (e.ObjectId == forbiddenPath || e.ObjectId == anonymousPath))
            .ToListAsync(Ct));
        var denied = events.Where(e => e.ObjectId == forbiddenPath).ShouldHaveSingleItem();
        denied.Outcome.ShouldBe(AuditOutcome.Denied);
        denied.ActorId.ShouldBe(staff.Id);
        denied.ActorName.ShouldBe(staff.UserName);
        denied.Details.ShouldNotBeNull().ShouldContain(Permissions.StaffManage);
        var anonymous = events.Where(e => e.ObjectId == anonymousPath).ShouldHaveSingleItem();
        anonymous.Outcome.ShouldBe(AuditOutcome.Denied);
        anonymous.ActorId.ShouldBeNull();
        anonymous.ActorName.ShouldBe("anonymous");
    }

    [Fact]
    public async Task AdministratorActions_AreAudited()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);
        await admin.PostAsync($"/api/v1/staff/{staff.Id}/mfa-enrolments", null, Ct);
        await admin.PutAsJsonAsync($"/api/v1/staff/{staff.Id}/status", new { status = "Disabled" }, Ct);
        await admin.PutAsJsonAsync($"/api/v1/staff/{staff.Id}/status", new { status = "Active" }, Ct);
        await admin.DeleteAsync($"/api/v1/staff/{staff.Id}/lockout", Ct);

        var id = staff.Id.ToString();
        var actions = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ObjectId == id && e.ActorName == "admin")
            .OrderBy(e => e.Id)
            .Select(e => e.Action)
            .ToListAsync(Ct));

        actions.ShouldContain("StaffAccount.created");
        actions.Where(a => a.StartsWith("staff.", StringComparison.Ordinal)).ShouldBe(["staff.mfa-reset", "staff.disabled", "staff.enabled", "staff.unlocked"]);
    }

    [Theory]
    [InlineData("{\"status\":\"Suspended\"}")]
    [InlineData("{\"status\":7}")]
    [InlineData("{}")]
    public async Task SetStatus_Returns400NamingStatus_WhenStatusMissingOrUnknown(string body)
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await admin.PutAsync($"/api/v1/staff/{staff.Id}/status", content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        var named = problem.TryGetProperty("field", out var field) ? [field.GetString()!] : problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();
        named.ShouldContain(name => string.Equals(name, "status", StringComparison.OrdinalIgnoreCase), problem.ToString());
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{staff.Id}", Ct)).GetProperty("isDisabled").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task NounRoutes_Return404NamingId_WhenAccountUnknown()
    {
        var admin = await app.SignInAsync("admin");
        var unknown = Guid.NewGuid();

        var responses = new[]
        {
            await admin.PostAsync($"/api/v1/staff/{unknown}/mfa-enrolments", null, Ct),
            await admin.DeleteAsync($"/api/v1/staff/{unknown}/lockout", Ct),
            await admin.PutAsJsonAsync($"/api/v1/staff/{unknown}/status", new { status = "Disabled" }, Ct),
        };

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await response.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("id");
        }
    }

    /// <summary>The verb routes of the first release answer for one more release (ADR-023), flagged as deprecated.</summary>
    [Fact]
    public async Task DeprecatedVerbRoutes_StillWork_AndNameTheirSuccessor()
    {
        var admin = await app.SignInAsync("admin");
        var staff = await app.CreateStaffAsync(admin);

        var disable = await admin.PostAsync($"/api/v1/staff/{staff.Id}/disable", null, Ct);
        disable.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{staff.Id}", Ct)).GetProperty("isDisabled").GetBoolean().ShouldBeTrue();
        var enable = await admin.PostAsync($"/api/v1/staff/{staff.Id}/enable", null, Ct);
        enable.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{staff.Id}", Ct)).GetProperty("isDisabled").GetBoolean().ShouldBeFalse();
        var reset = await admin.PostAsync($"/api/v1/staff/{staff.Id}/mfa-reset", null, Ct);
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reset.ReadJsonAsync()).GetProperty("totpSecret").GetString().ShouldNotBe(staff.TotpSecret);
        var unlock = await admin.PostAsync($"/api/v1/staff/{staff.Id}/unlock", null, Ct);
        unlock.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var (response, successor) in new[] { (disable, "status"), (enable, "status"), (reset, "mfa-enrolments"), (unlock, "lockout") })
        {
            response.Headers.GetValues("Deprecation").Single().ShouldStartWith("@");
            response.Headers.GetValues("Link").Single().ShouldBe($"</api/v1/staff/{staff.Id}/{successor}>; rel=\"successor-version\"");
        }

        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/v1/staff/{id}/unlock").GetProperty("post").GetProperty("deprecated").GetBoolean().ShouldBeTrue();
        paths.GetProperty("/api/v1/staff/{id}/lockout").GetProperty("delete").TryGetProperty("deprecated", out _).ShouldBeFalse();
    }
}

public sealed class StaffAdministrationTests_Sqlite(SqliteApp app) : StaffAdministrationTests(app);

public sealed class StaffAdministrationTests_Postgres(PostgresApp app) : StaffAdministrationTests(app);
