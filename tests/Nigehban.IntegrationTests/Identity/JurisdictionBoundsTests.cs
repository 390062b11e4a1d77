using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>
/// Administrators and auditors are bounded by their home unit like every officer (ADR-024): a
/// district's administrator neither sees nor changes another district's accounts or units, nor
/// grants what it may not; a district's auditor reads its own district's trail.
/// </summary>
public abstract class JurisdictionBoundsTests(NigehbanApp app)
{
    private string OwnDistrict => app.Demo("dpo2").Unit;

    private string OtherDistrict => app.Demo("dpo").Unit;

    [Fact]
    public async Task DistrictAdministrator_DoesNotSeeOrChange_AnotherDistrictsAccounts()
    {
        var root = await app.SignInAsync("admin");
        var districtAdmin = await SignInAsync(await CreateAsync(root, Roles.Administrator, OwnDistrict));
        var outsider = await CreateAsync(root, Roles.FrontDesk, app.Demo("frontdesk").Unit);
        var colleague = await CreateAsync(root, Roles.FrontDesk, app.Demo("frontdesk2").Unit);

        (await districtAdmin.GetAsync($"/api/v1/staff/{outsider.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var action in new[] { "mfa-reset", "unlock", "disable", "enable" })
        {
            var response = await districtAdmin.PostAsync($"/api/v1/staff/{outsider.Id}/{action}", null, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, action);
        }

        var found = await districtAdmin.GetFromJsonAsync<JsonElement>($"/api/v1/staff?search={outsider.UserName}", Ct);
        found.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await root.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{outsider.Id}", Ct)).GetProperty("isDisabled").GetBoolean().ShouldBeFalse();
        (await app.CreateClient().RequestTokenAsync(outsider.UserName, outsider.Password, Otp(outsider.TotpSecret, DateTimeOffset.UtcNow)))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "the MFA secret was not reset");

        // Its own district's accounts it does manage.
        (await districtAdmin.GetAsync($"/api/v1/staff/{colleague.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await districtAdmin.PostAsync($"/api/v1/staff/{colleague.Id}/disable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task DistrictAdministrator_CreatesAccountsOnlyInItsSubtree_AndGrantsOnlyWhatItMay()
    {
        var root = await app.SignInAsync("admin");
        var districtAdmin = await SignInAsync(await CreateAsync(root, Roles.Administrator, OwnDistrict));

        var escalation = await PostAccountAsync(districtAdmin, app.Demo("admin").Unit, Roles.Ig, Roles.Administrator);
        escalation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await escalation.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unitCode");
        (await PostAccountAsync(districtAdmin, OtherDistrict, Roles.FrontDesk)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        foreach (var oversight in new[] { Roles.Ig, Roles.Auditor })
        {
            var refused = await PostAccountAsync(districtAdmin, OwnDistrict, Roles.Sho, oversight);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, oversight);
            (await refused.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("roles");
        }

        (await PostAccountAsync(districtAdmin, app.Demo("frontdesk2").Unit, Roles.Sho)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAccountAsync(districtAdmin, OwnDistrict, Roles.Administrator)).StatusCode.ShouldBe(HttpStatusCode.Created);
        // The force-wide administrator appoints auditors anywhere (ADR-024).
        (await PostAccountAsync(root, OwnDistrict, Roles.Auditor)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task DistrictAdministrator_CannotDisableResetOrUnlock_ItsDistrictsAuditorsAndIgs()
    {
        var root = await app.SignInAsync("admin");
        var districtAdmin = await SignInAsync(await CreateAsync(root, Roles.Administrator, OwnDistrict));
        var ownStation = app.Demo("frontdesk2").Unit;

        foreach (var oversight in new[] { Roles.Auditor, Roles.Ig })
        {
            var account = await CreateAsync(root, oversight, ownStation);
            var staff = $"/api/v1/staff/{account.Id}";
            var actions = new (HttpMethod Method, string Path, object? Body)[]
            {
                (HttpMethod.Put, $"{staff}/status", new { status = "Disabled" }),
                (HttpMethod.Put, $"{staff}/status", new { status = "Active" }),
                (HttpMethod.Post, $"{staff}/mfa-enrolments", null),
                (HttpMethod.Delete, $"{staff}/lockout", null),
                (HttpMethod.Post, $"{staff}/disable", null),
                (HttpMethod.Post, $"{staff}/enable", null),
                (HttpMethod.Post, $"{staff}/mfa-reset", null),
                (HttpMethod.Post, $"{staff}/unlock", null),
            };
            foreach (var (method, path, body) in actions)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                var refused = await districtAdmin.SendAsync(request, Ct);
                refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{oversight}: {method} {path}");
                (await refused.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("roles");
            }

            // Nothing changed: not disabled, and the authenticator enrolled at creation still signs in.
            (await root.GetFromJsonAsync<JsonElement>(staff, Ct)).GetProperty("isDisabled").GetBoolean().ShouldBeFalse(oversight);
            (await app.CreateClient().RequestTokenAsync(account.UserName, account.Password, Otp(account.TotpSecret, DateTimeOffset.UtcNow)))
                .StatusCode.ShouldBe(HttpStatusCode.OK, $"{oversight}: the MFA secret was not reset");

            // The administrator of the whole force, who may appoint them, acts on them (ADR-024).
            (await root.PutAsJsonAsync($"{staff}/status", new { status = "Disabled" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent, oversight);
            (await root.DeleteAsync($"{staff}/lockout", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent, oversight);
        }

        // Its district's operational officers and administrators remain its to manage.
        foreach (var role in new[] { Roles.Sho, Roles.Administrator })
        {
            var officer = await CreateAsync(root, role, ownStation);
            (await districtAdmin.PostAsync($"/api/v1/staff/{officer.Id}/mfa-enrolments", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created, role);
            (await districtAdmin.PutAsJsonAsync($"/api/v1/staff/{officer.Id}/status", new { status = "Disabled" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent, role);
        }
    }

    [Fact]
    public async Task DistrictAdministrator_CannotMoveUnits_UnlessBothEndsAreInItsSubtree()
    {
        var root = await app.SignInAsync("admin");
        var districtAdmin = await SignInAsync(await CreateAsync(root, Roles.Administrator, OwnDistrict));
        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units", Ct);
        string ParentOf(string code) => units!.Single(u => u.GetProperty("code").GetString() == code).GetProperty("parentCode").GetString()!;
        var otherCircle = ParentOf(app.Demo("frontdesk").Unit);
        var ownCircle = ParentOf(app.Demo("frontdesk2").Unit);

        var taken = await districtAdmin.PutAsJsonAsync($"/api/v1/units/{otherCircle}/parent", new { parentCode = OwnDistrict }, Ct);
        taken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var given = await districtAdmin.PutAsJsonAsync($"/api/v1/units/{ownCircle}/parent", new { parentCode = OtherDistrict }, Ct);
        given.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await given.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("parentCode");

        var after = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/units/{otherCircle}", Ct);
        after.GetProperty("parentCode").GetString().ShouldBe(OtherDistrict);
        // Within its own subtree the move is its to make (here to where the circle already is).
        (await districtAdmin.PutAsJsonAsync($"/api/v1/units/{ownCircle}/parent", new { parentCode = OwnDistrict }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DistrictAuditor_ReadsOnlyItsDistrictsEvents_AndStillVerifiesTheWholeChain()
    {
        var root = await app.SignInAsync("admin");
        var auditor = await SignInAsync(await CreateAsync(root, Roles.Auditor, OwnDistrict));
        await ServiceCentreFixtures.ApplyWithDocumentsAsync(app, app.Demo("frontdesk").Unit);
        await ServiceCentreFixtures.ApplyWithDocumentsAsync(app, app.Demo("frontdesk2").Unit);
        var (ownPath, otherPath) = ($"/{OwnDistrict}/", $"/{OtherDistrict}/");
        const string created = "/api/v1/audit-events?action=ServiceRequest.created&pageSize=100";

        var items = (await auditor.GetFromJsonAsync<JsonElement>(created, Ct)).GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty("an application was made in its district");
        items.ShouldAllBe(e => (e.GetProperty("unitPath").GetString() ?? "").Contains(ownPath));

        var forceWide = (await (await app.SignInAsync("auditor")).GetFromJsonAsync<JsonElement>(created, Ct)).GetProperty("items").EnumerateArray();
        forceWide.ShouldContain(e => (e.GetProperty("unitPath").GetString() ?? "").Contains(otherPath), "the force's auditor sees every district");

        await app.SealPendingAsync();
        var verification = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit-events/verification", Ct);
        verification.GetProperty("intact").GetBoolean().ShouldBeTrue(verification.ToString());
        verification.GetProperty("eventCount").GetInt64().ShouldBeGreaterThan(items.Count, "the verifier walks the whole chain, not the auditor's part of it");
    }

    [Fact]
    public async Task ServiceRequestFilters_NamingAUnitOutsideJurisdiction_Answer404()
    {
        var dpo = await app.SignInAsync("dpo2");

        foreach (var path in new[] { "/api/v1/service-requests", "/api/v1/service-requests/statistics" })
        {
            var outside = await dpo.GetAsync($"{path}?unit={OtherDistrict}", Ct);
            outside.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await outside.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unit");
            (await dpo.GetAsync($"{path}?unit={OwnDistrict}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task ServedToken_NamesAnApplicationOfItsCentre_OrNothing()
    {
        var station = app.Demo("frontdesk").Unit;
        var (own, _) = await ServiceCentreFixtures.ApplyWithDocumentsAsync(app, station);
        var (elsewhere, _) = await ServiceCentreFixtures.ApplyWithDocumentsAsync(app, "LHR-PS02");
        var desk = await app.SignInAsync("frontdesk");
        var token = await CallNewTokenAsync(desk, station);
        var service = $"/api/v1/centres/{station}/tokens/{token}/service";

        foreach (var reference in new[] { "garbage", elsewhere })
        {
            var refused = await desk.PostAsJsonAsync(service, new { reference }, Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, reference);
            (await refused.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("reference");
        }

        var served = await desk.PostAsJsonAsync(service, new { reference = own.ToLowerInvariant() }, Ct);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await served.ReadJsonAsync()).GetProperty("reference").GetString().ShouldBe(own);
    }

    private static async Task<Guid> CallNewTokenAsync(HttpClient desk, string station)
    {
        var issued = await (await desk.PostAsJsonAsync($"/api/v1/centres/{station}/tokens", new { serviceCode = (string?)null }, Ct)).ReadJsonAsync();
        var id = issued.GetProperty("id").GetGuid();
        while (true)
        {
            var response = await desk.PostAsync($"/api/v1/centres/{station}/counters/2/calls", null, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            if ((await response.ReadJsonAsync()).GetProperty("id").GetGuid() == id)
            {
                return id;
            }
        }
    }

    private static Task<HttpResponseMessage> PostAccountAsync(HttpClient admin, string unitCode, params string[] roles) =>
        admin.PostAsJsonAsync(
            "/api/v1/staff",
            new { userName = "b-" + Guid.NewGuid().ToString("N")[..12], displayName = "Bounds officer", unitCode, roles, password = "Pw-" + Guid.NewGuid().ToString("N") },
            Ct);

    private static async Task<TestStaff> CreateAsync(HttpClient admin, string role, string unitCode)
    {
        var userName = "b-" + Guid.NewGuid().ToString("N")[..12];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { userName, displayName = "Bounds officer", unitCode, roles = new[] { role }, password }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var enrolment = await response.ReadJsonAsync();
        return new TestStaff(enrolment.GetProperty("accountId").GetGuid(), userName, password, enrolment.GetProperty("totpSecret").GetString()!);
    }

    private Task<HttpClient> SignInAsync(TestStaff staff) => app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, DateTimeOffset.UtcNow));
}

public sealed class JurisdictionBoundsTests_Sqlite(SqliteApp app) : JurisdictionBoundsTests(app);

public sealed class JurisdictionBoundsTests_Postgres(PostgresApp app) : JurisdictionBoundsTests(app);
