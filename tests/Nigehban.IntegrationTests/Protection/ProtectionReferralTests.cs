using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Features.Protection.EscalateOverdueReferrals;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>Referrals to partner bodies: scoped to the partner (404 otherwise), acknowledged and answered, and escalated by the clock.</summary>
public abstract class ProtectionReferralTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Centre => app.Demo("protection").Unit;

    [Fact]
    public async Task TheDemoPartner_IsLinkedToThePacksFirstPartnerBody_AndSeesWhatIsSentToIt()
    {
        // The demo has one account of every role; the partner's is worked from the first start.
        var protection = await app.SignInWithNextCodeAsync("protection");
        var reference = await OpenAsync(protection, Case(Centre, "Generated Demo Referral"));
        var sent = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "women-shelter", need = "shelter" }, Ct);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(Ct));
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var partner = await app.SignInWithNextCodeAsync("partner");
        var listed = await partner.GetFromJsonAsync<JsonElement>("/api/v1/protection-referrals?pageSize=100", Ct);

        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(id);
    }

    [Fact]
    public async Task APartner_SeesOnlyTheReferralsSentToIt_404Otherwise_AndAcknowledgesAndReports()
    {
        var protection = await app.SignInWithNextCodeAsync("protection");
        var reference = await OpenAsync(protection, Case(Centre, "Generated Referred Person"));
        var unknown = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "space-agency", need = "shelter" }, Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(unknown)).ShouldBe("partner");
        var unmet = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "bar-legal-aid", need = "shelter" }, Ct);
        (await FieldOfAsync(unmet)).ShouldBe("need");

        var sent = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "women-shelter", need = "shelter", note = "Generated note for the shelter" }, Ct);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(Ct));
        var referral = await sent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = referral.GetProperty("id").GetGuid();
        (referral.GetProperty("acknowledgeDueAt").GetDateTimeOffset() - app.Now).ShouldBe(TimeSpan.FromHours(48));

        var admin = await app.SignInWithNextCodeAsync("admin");
        var shelterStaff = await NewStaffAsync(app, admin, Roles.ProtectionPartner, app.Demo("dpo").Unit);
        var lawyerStaff = await NewStaffAsync(app, admin, Roles.ProtectionPartner, app.Demo("dpo").Unit);
        (await admin.PostAsJsonAsync("/api/v1/protection-partner-accounts", new { userName = shelterStaff.UserName, partner = "women-shelter" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync("/api/v1/protection-partner-accounts", new { userName = lawyerStaff.UserName, partner = "bar-legal-aid" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var notPartner = await admin.PostAsJsonAsync("/api/v1/protection-partner-accounts", new { userName = app.Demo("sho").UserName, partner = "bar-legal-aid" }, Ct);
        (await FieldOfAsync(notPartner)).ShouldBe("userName");

        var shelter = await SignInAsync(app, shelterStaff);
        var lawyer = await SignInAsync(app, lawyerStaff);
        var listed = await shelter.GetFromJsonAsync<JsonElement>("/api/v1/protection-referrals?pageSize=100", Ct);
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(id);
        (await lawyer.GetStringAsync("/api/v1/protection-referrals?pageSize=100", Ct)).ShouldNotContain(id.ToString());
        (await lawyer.GetAsync($"/api/v1/protection-referrals/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyer.PutAsync($"/api/v1/protection-referrals/{id}/acknowledgement", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyer.GetAsync($"/api/v1/protection-cases/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var detail = await shelter.GetFromJsonAsync<JsonElement>($"/api/v1/protection-referrals/{id}", Ct);
        detail.GetProperty("note").GetString().ShouldBe("Generated note for the shelter");
        detail.GetRawText().ShouldNotContain("Generated Referred Person");
        (await shelter.PutAsync($"/api/v1/protection-referrals/{id}/acknowledgement", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await shelter.PutAsync($"/api/v1/protection-referrals/{id}/acknowledgement", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var noOutcome = await shelter.PutAsJsonAsync($"/api/v1/protection-referrals/{id}/outcome", new { outcome = "" }, Ct);
        (await FieldOfAsync(noOutcome)).ShouldBe("outcome");
        (await shelter.PutAsJsonAsync($"/api/v1/protection-referrals/{id}/outcome", new { outcome = "Generated outcome: placed for two weeks" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var seen = await protection.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        seen.GetProperty("referrals").EnumerateArray().Single().GetProperty("outcome").GetString().ShouldBe("Generated outcome: placed for two weeks");
    }

    [Fact]
    public async Task AnUnacknowledgedReferral_EscalatesOnceToTheCentresInCharge_AfterThePacksDeadline_AndAMissedOutcomeOnceMore()
    {
        var protection = await app.SignInWithNextCodeAsync("protection");
        var reference = await OpenAsync(protection, Case(Centre, "Generated Waiting Person"));
        var sent = await protection.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "district-hospital", need = "medical" }, Ct);
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        app.Clock.Advance(TimeSpan.FromHours(47));
        await EscalateAsync();
        (await AlertsAsync(id)).ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromHours(2));
        await EscalateAsync();
        await EscalateAsync();
        var alerts = await AlertsAsync(id);
        alerts.ShouldHaveSingleItem().Recipient.ShouldBe($"unit:{Centre}:in-charge");
        alerts[0].Payload.ShouldContain("acknowledgement");
        alerts[0].Payload.ShouldNotContain("Generated Waiting Person");

        var desk = await app.SignInWithNextCodeAsync("protection");
        var overdue = await desk.GetFromJsonAsync<JsonElement>("/api/v1/protection-cases/referrals?overdue=true&pageSize=100", Ct);
        overdue.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("id").GetGuid() == id && r.GetProperty("overdue").GetBoolean());

        app.Clock.Advance(TimeSpan.FromDays(30));
        await EscalateAsync();
        (await AlertsAsync(id)).Count.ShouldBe(2);
    }

    private async Task EscalateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalateOverdueReferralsHandler>().RunAsync(500, Ct);
    }

    private Task<List<OutboxMessage>> AlertsAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(id.ToString())).OrderBy(m => m.CreatedAt).ToListAsync(Ct));
}

public sealed class ProtectionReferralTests_Sqlite(FakeClockSqliteApp app) : ProtectionReferralTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class ProtectionReferralTests_Postgres(FakeClockPostgresApp app) : ProtectionReferralTests(app), IClassFixture<FakeClockPostgresApp>;
