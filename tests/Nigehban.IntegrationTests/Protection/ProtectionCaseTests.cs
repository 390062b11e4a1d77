using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>Intake, who reads the person (assigned, granted, break-glass), refusals that carry nothing of the case, follow-ups and closure.</summary>
public abstract class ProtectionCaseTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Centre => app.Demo("protection").Unit;

    [Fact]
    public async Task DeskIntake_IsAssignedToTheOfficer_WhoReadsThePerson_WhileAnotherOfficerSeesItWithheld()
    {
        var protection = await app.SignInAsync("protection");
        var name = "Generated " + Canary("Name");
        var reference = await OpenAsync(protection, Case(Centre, name));
        reference.ShouldStartWith("PRC-");

        var mine = await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        mine.GetProperty("access").GetString().ShouldBe("Assigned");
        mine.GetProperty("assignedOfficer").GetString().ShouldBe("protection");
        mine.GetProperty("person").GetProperty("name").GetString().ShouldBe(name);
        mine.GetProperty("followUps").GetArrayLength().ShouldBe(1);

        var colleague = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, Centre));
        var response = await colleague.GetAsync($"/api/v1/protection-cases/{reference}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldNotContain(name);
        var withheld = JsonDocument.Parse(body).RootElement;
        withheld.GetProperty("access").GetString().ShouldBe("Withheld");
        withheld.GetProperty("person").ValueKind.ShouldBe(JsonValueKind.Null);
        (await colleague.GetStringAsync("/api/v1/protection-cases?pageSize=100", Ct)).ShouldContain(reference);

        // Each read's event names its reader, though reads are committed in another request's group (AuditedReads).
        var reads = await app.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ObjectId == reference && e.Action == "protection-case.read")
            .Select(e => new { e.Details, e.ActorName }).ToListAsync(Ct));
        reads.Select(r => r.Details).ShouldBe(["access=Assigned", "access=Withheld"], ignoreOrder: true);
        reads.Single(r => r.Details == "access=Assigned").ActorName.ShouldBe("protection");
        reads.Single(r => r.Details == "access=Withheld").ActorName.ShouldNotBe("protection");
        reads.ShouldAllBe(r => r.ActorName != "anonymous");
    }

    [Fact]
    public async Task BreakGlass_NeedsAReason_IsAudited_AlertsTheCentresInCharge_AndIsToldToTheReaders()
    {
        var protection = await app.SignInAsync("protection");
        var name = "Generated " + Canary("Glass");
        var reference = await OpenAsync(protection, Case(Centre, name));
        var colleague = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, Centre));

        var noReason = await colleague.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/break-glass", new { reason = "  " }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(noReason)).ShouldBe("reason");
        var shortReason = await colleague.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/break-glass", new { reason = "urgent" }, Ct);
        shortReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Payload.Contains(reference), Ct))).ShouldBe(0);

        var glass = await colleague.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/break-glass", new { reason = "Generated reason: the assigned officer is on leave and the person called in danger" }, Ct);
        glass.StatusCode.ShouldBe(HttpStatusCode.OK, await glass.Content.ReadAsStringAsync(Ct));
        var read = await glass.Content.ReadFromJsonAsync<JsonElement>(Ct);
        read.GetProperty("access").GetString().ShouldBe("BreakGlass");
        read.GetProperty("person").GetProperty("name").GetString().ShouldBe(name);

        var alerts = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(reference)).ToListAsync(Ct));
        alerts.ShouldHaveSingleItem().Recipient.ShouldBe($"unit:{Centre}:in-charge");
        alerts[0].Payload.ShouldContain("protection-break-glass");
        alerts[0].Payload.ShouldNotContain(name);
        alerts[0].Payload.ShouldNotContain("on leave");
        var audited = await app.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ObjectId == reference && e.Action == "protection-case.break-glass").ToListAsync(Ct));
        audited.ShouldHaveSingleItem().Details.ShouldNotBeNull().ShouldNotContain("on leave");

        var told = await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}/reads", Ct);
        told.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("action").GetString() == "protection-case.break-glass");
        (await colleague.GetAsync($"/api/v1/protection-cases/{reference}/reads", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheAssignedOfficer_GrantsAColleague_WhoThenReads_AndNoOneElseGrants()
    {
        var protection = await app.SignInAsync("protection");
        var reference = await OpenAsync(protection, Case(Centre, "Generated Granted Person"));
        var admin = await app.SignInAsync("admin");
        var colleague = await NewStaffAsync(app, admin, Roles.ProtectionOfficer, Centre);
        var third = await SignInAsync(app, await NewStaffAsync(app, admin, Roles.ProtectionOfficer, Centre));

        (await third.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/grants", new { officer = colleague.UserName }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var sho = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/grants", new { officer = app.Demo("sho").UserName }, Ct);
        sho.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(sho)).ShouldBe("officer");
        (await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/grants", new { officer = colleague.UserName }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var granted = await (await SignInAsync(app, colleague)).GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        granted.GetProperty("access").GetString().ShouldBe("Granted");
        granted.GetProperty("person").GetProperty("name").GetString().ShouldBe("Generated Granted Person");
        (await third.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct)).GetProperty("access").GetString().ShouldBe("Withheld");
    }

    [Fact]
    public async Task OnlineAnonymous_KeepsOnlyTheContact_WaitsUnassigned_AndIsTakenByAnOfficerOfTheCentre()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/protection-cases",
            Case(Centre, "Generated Dropped Name", contact: "+923009998877", anonymous: true, address: "Generated dropped address", groups: ["transgender"], needs: ["legal-aid"]), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var opened = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reference = opened.GetProperty("reference").GetString()!;
        opened.GetProperty("assignedOfficer").ValueKind.ShouldBe(JsonValueKind.Null);

        var stored = await app.WithDbAsync(db => db.Set<Nigehban.Web.Features.Protection.ProtectionCase>().SingleAsync(c => c.Reference == reference, Ct));
        stored.NameSealed.ShouldBeNull();
        stored.AddressSealed.ShouldBeNull();
        stored.ContactSealed.ShouldNotBeNull().ShouldNotContain("9998877");
        stored.Channel.ShouldBe(Nigehban.Web.Features.Protection.ProtectionChannel.Online);

        var protection = await app.SignInAsync("protection");
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/assignment", new { officer = "protection" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        read.GetProperty("person").GetProperty("contact").GetString().ShouldBe("+923009998877");
        read.GetProperty("person").GetProperty("name").ValueKind.ShouldBe(JsonValueKind.Null);
        read.GetProperty("anonymous").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("groups", "none", "shelter", "LHR-PS01", false, true)]
    [InlineData("groups", "wizard", "shelter", "LHR-PS01", false, true)]
    [InlineData("needs", "woman", "yacht", "LHR-PS01", false, true)]
    [InlineData("centre", "woman", "shelter", "LHR-PS05", false, true)]
    [InlineData("name", "woman", "shelter", "LHR-PS01", false, false)]
    [InlineData("contact", "woman", "shelter", "LHR-PS01", true, true)]
    public async Task BadIntake_Returns400NamingTheField_AndNothingOfTheCase(string field, string group, string need, string centre, bool noContact, bool named)
    {
        var canary = "Generated " + Canary("Bad");
        var body = new
        {
            centre,
            groups = group == "none" ? Array.Empty<string>() : [group],
            needs = new[] { need },
            anonymous = false,
            name = named ? canary : null,
            contact = noContact ? null : canary + " phone",
            statement = canary + " statement",
        };
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/protection-cases", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        (await FieldOfAsync(response)).ShouldBe(field);
        text.ShouldNotContain(canary);
        text.ShouldNotContain(group == "none" ? canary : group);
        text.ShouldNotContain(need == "yacht" ? "yacht" : canary);
    }

    [Fact]
    public async Task OutsideTheCentre_TheCaseIsNotFound_AndWithoutThePermissionForbidden()
    {
        var reference = await OpenAsync(await app.SignInAsync("protection"), Case(Centre, "Generated Hidden Person"));
        var elsewhere = await SignInAsync(app, await NewStaffAsync(app, await app.SignInAsync("admin"), Roles.ProtectionOfficer, app.Demo("frontdesk2").Unit));
        (await elsewhere.GetAsync($"/api/v1/protection-cases/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await elsewhere.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/break-glass", new { reason = "Generated reason long enough" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await elsewhere.GetStringAsync("/api/v1/protection-cases?pageSize=100", Ct)).ShouldNotContain(reference);
        (await (await app.SignInAsync("sho")).GetAsync($"/api/v1/protection-cases/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheCasePage_IsNotFound404OutsideTheCentre_AndShowsThePersonOnlyToItsReaders()
    {
        var name = "Generated " + Canary("Page");
        var reference = await OpenAsync(await app.SignInAsync("protection"), Case(Centre, name));
        var admin = await app.SignInAsync("admin");
        var elsewhere = await SignInAsync(app, await NewStaffAsync(app, admin, Roles.ProtectionOfficer, app.Demo("frontdesk2").Unit));
        var colleague = await SignInAsync(app, await NewStaffAsync(app, admin, Roles.ProtectionOfficer, Centre));

        var (outsideStatus, outsideHtml) = await BrowseAsync(elsewhere, $"/console/protection/cases/{reference}");
        outsideStatus.ShouldBe(HttpStatusCode.NotFound);
        outsideHtml.ShouldContain("id=\"not-found-page\"");
        var (colleagueStatus, colleagueHtml) = await BrowseAsync(colleague, $"/console/protection/cases/{reference}");
        colleagueStatus.ShouldBe(HttpStatusCode.OK);
        colleagueHtml.ShouldContain("id=\"case-withheld\"");
        colleagueHtml.ShouldNotContain(name);
        var (_, ownHtml) = await BrowseAsync(await app.SignInAsync("protection"), $"/console/protection/cases/{reference}");
        ownHtml.ShouldContain(name);
    }

    private static async Task<(HttpStatusCode Status, string Html)> BrowseAsync(HttpClient signedIn, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var response = await signedIn.SendAsync(request, Ct);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task FollowUps_ArePlannedAndDone_AndTheCaseClosesWithThePersonsSatisfaction()
    {
        var protection = await app.SignInAsync("protection");
        var reference = await OpenAsync(protection, Case(Centre, "Generated Followed Person"));
        var planned = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/follow-ups", new { kind = "Visit" }, Ct);
        planned.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = (await planned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var bad = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/follow-ups", new { kind = "Telepathy" }, Ct);
        (await FieldOfAsync(bad)).ShouldBe("kind");

        var due = await protection.GetFromJsonAsync<JsonElement>("/api/v1/protection-cases/follow-ups?pageSize=100", Ct);
        due.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("reference").GetString() == reference).ShouldBe(2);
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/follow-ups/{id}", new { note = "Generated visit note" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/follow-ups/{id}", new { note = "again" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var unknown = await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/closure", new { satisfaction = "Ecstatic" }, Ct);
        (await FieldOfAsync(unknown)).ShouldBe("satisfaction");
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/closure", new { satisfaction = "PartlySatisfied", note = "Generated closing note" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var closed = await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        closed.GetProperty("status").GetString().ShouldBe("Closed");
        closed.GetProperty("satisfaction").GetString().ShouldBe("PartlySatisfied");
        closed.GetProperty("person").GetProperty("closureNote").GetString().ShouldBe("Generated closing note");
        closed.GetProperty("followUps").EnumerateArray().ShouldContain(f => f.GetProperty("note").GetString() == "Generated visit note");
        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{reference}/closure", new { satisfaction = "Satisfied" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}

public sealed class ProtectionCaseTests_Sqlite(SqliteApp app) : ProtectionCaseTests(app);

public sealed class ProtectionCaseTests_Postgres(PostgresApp app) : ProtectionCaseTests(app);
