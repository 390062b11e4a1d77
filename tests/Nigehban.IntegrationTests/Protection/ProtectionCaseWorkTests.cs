using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.FrontDesk;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>Work on a case after intake (ADR-072): revoking a grant, linking the complaint or FIR that followed.</summary>
public abstract class ProtectionCaseWorkTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Centre => app.Demo("protection").Unit;

    [Fact]
    public async Task TheAssignedOfficerOrTheInCharge_RevokesAGrant_WhichIsAudited_AndNoOneElseMay()
    {
        var protection = await app.SignInAsync("protection");
        var name = "Generated Revoke Person " + Guid.NewGuid().ToString("N")[..6];
        var reference = await OpenAsync(protection, Case(Centre, name));
        var admin = await app.SignInAsync("admin");
        var grantee = await NewStaffAsync(app, admin, Roles.ProtectionOfficer, Centre);
        var granteeClient = await SignInAsync(app, grantee);
        var other = await SignInAsync(app, await NewStaffAsync(app, admin, Roles.ProtectionOfficer, Centre));
        (await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/grants", new { officer = grantee.UserName }, Ct)).EnsureSuccessStatusCode();
        (await granteeClient.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct)).GetProperty("access").GetString().ShouldBe("Granted");

        (await other.DeleteAsync($"/api/v1/protection-cases/{reference}/grants/{grantee.UserName}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await granteeClient.DeleteAsync($"/api/v1/protection-cases/{reference}/grants/{grantee.UserName}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var revoked = await protection.DeleteAsync($"/api/v1/protection-cases/{reference}/grants/{grantee.UserName}", Ct);
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync(Ct));
        var after = await granteeClient.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        after.GetProperty("access").GetString().ShouldBe("Withheld");
        after.GetProperty("grantedOfficers").GetArrayLength().ShouldBe(0);
        var again = await protection.DeleteAsync($"/api/v1/protection-cases/{reference}/grants/{grantee.UserName}", Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FieldOfAsync(again)).ShouldBe("officer");

        // The centre's in-charge (the station's SHO) may take access away too, without reading the case.
        (await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/grants", new { officer = grantee.UserName }, Ct)).EnsureSuccessStatusCode();
        app.Demo("sho").Unit.ShouldBe(Centre);
        var sho = await app.SignInAsync("sho");
        var byInCharge = await sho.DeleteAsync($"/api/v1/protection-cases/{reference}/grants/{grantee.UserName}", Ct);
        byInCharge.StatusCode.ShouldBe(HttpStatusCode.OK, await byInCharge.Content.ReadAsStringAsync(Ct));
        (await byInCharge.Content.ReadAsStringAsync(Ct)).ShouldNotContain(name);

        var audited = await app.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ObjectId == reference && e.Action == "protection-case.grant-revoked")
            .Select(e => new { e.ActorName, e.Details }).ToListAsync(Ct));
        audited.Count.ShouldBe(2);
        audited.ShouldAllBe(e => e.Details == $"officer={grantee.UserName}");
        audited.Select(e => e.ActorName).ShouldBe(["protection", "sho"], ignoreOrder: true);
    }

    [Fact]
    public async Task AComplaintThatFollowed_IsLinkedAfterIntake_AndAReferenceNamingNothingIs404OnLinkedReference()
    {
        var protection = await app.SignInAsync("protection");
        var reference = await OpenAsync(protection, Case(Centre, "Generated Link Person"));
        var complaint = await FrontDeskFixtures.FileAsync(app.CreateClient(), FrontDeskFixtures.Complaint(FrontDeskFixtures.NewPhone(), unit: Centre));

        var malformed = await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/linked-record", new { linkedReference = "not-a-reference" }, Ct);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(malformed)).ShouldBe("linkedReference");
        // A well-formed reference of nothing: this case's own reference is a protection case, not a complaint or FIR.
        var nothing = await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/linked-record", new { linkedReference = reference }, Ct);
        nothing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FieldOfAsync(nothing)).ShouldBe("linkedReference");

        var linked = await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/linked-record", new { linkedReference = complaint }, Ct);
        linked.StatusCode.ShouldBe(HttpStatusCode.OK, await linked.Content.ReadAsStringAsync(Ct));
        (await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct)).GetProperty("linkedReference").GetString().ShouldBe(complaint);

        var colleague = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, Centre));
        (await colleague.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/linked-record", new { linkedReference = complaint }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class ProtectionCaseWorkTests_Sqlite(SqliteApp app) : ProtectionCaseWorkTests(app);

public sealed class ProtectionCaseWorkTests_Postgres(PostgresApp app) : ProtectionCaseWorkTests(app);
