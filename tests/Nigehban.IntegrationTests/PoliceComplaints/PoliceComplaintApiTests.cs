using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.PoliceComplaints.PoliceComplaintFixtures;

namespace Nigehban.IntegrationTests.PoliceComplaints;

/// <summary>Intake, tracking, idempotency, assignment and the inquiry's lifecycle, over HTTP.</summary>
public abstract class PoliceComplaintApiTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Station => app.Demo("frontdesk").Unit;

    [Fact]
    public async Task CitizenComplaint_Returns201WithThePacksPrefix_QueuesAnSms_AndTracksOnlyWithItsPhone()
    {
        var phone = NewPhone();
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/police-complaints", Complaint(Station, phone, "bribe-demand"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reference = body.GetProperty("reference").GetString()!;
        reference.ShouldStartWith("IGC-");
        var received = DateTimeOffset.UtcNow;
        (body.GetProperty("firstCallDueAt").GetDateTimeOffset() - received).TotalHours.ShouldBe(8, 0.1);
        (body.GetProperty("replyDueAt").GetDateTimeOffset() - received).TotalHours.ShouldBe(24, 0.1);

        var sms = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Kind == OutboxKinds.Sms && m.Payload.Contains(reference)).Select(m => m.Recipient).ToListAsync(Ct));
        sms.ShouldBe([phone]);

        var tracked = await app.CreateClient().GetAsync($"/api/v1/police-complaints/{reference}/tracking?phone={Uri.EscapeDataString(phone)}", Ct);
        tracked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await tracked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        view.GetProperty("status").GetString().ShouldBe("Received");
        view.GetRawText().ShouldNotContain("Generated Officer");
        // The + of the phone written unescaped in the query arrives as a space: still the complainant's number.
        (await app.CreateClient().GetAsync($"/api/v1/police-complaints/{reference}/tracking?phone={phone}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.CreateClient().GetAsync($"/api/v1/police-complaints/{reference}/tracking?phone=%2B923001111111", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var mistyped = reference[..^1] + (reference[^1] == '0' ? '1' : '0');
        (await app.CreateClient().GetAsync($"/api/v1/police-complaints/{mistyped}/tracking?phone={Uri.EscapeDataString(phone)}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("type", "no-such-type", "LHR-PS01", "+923001234567", "web")]
    [InlineData("station", "illegal-detention", "LHR", "+923001234567", "web")]
    [InlineData("complainant.phone", "illegal-detention", "LHR-PS01", "call me", "web")]
    [InlineData("channel", "illegal-detention", "LHR-PS01", "+923001234567", "phone")]
    public async Task BadComplaint_Returns400NamingTheField_AndWritesNothing(string field, string type, string station, string phone, string channel)
    {
        var name = "Generated Bad " + Guid.NewGuid().ToString("N")[..8];
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/police-complaints", Complaint(station, phone, type, name, channel), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(response)).ShouldBe(field);
        (await app.WithDbAsync(db => db.Set<Nigehban.Web.Features.PoliceComplaints.PoliceComplaint>().CountAsync(c => c.ComplainantName == name, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheFirstComplaint_AndRefusesAnotherRequestWith422()
    {
        var phone = NewPhone();
        var key = Guid.NewGuid().ToString();
        var body = Complaint(Station, phone, name: "Generated Replay");
        async Task<HttpResponseMessage> PostAsync(object content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/police-complaints") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", key);
            return await app.CreateClient().SendAsync(request, Ct);
        }

        var first = await PostAsync(body);
        var second = await PostAsync(body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString());

        var other = await PostAsync(Complaint(Station, phone, name: "Generated Someone Else"));
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await FieldOfAsync(other)).ShouldBe("Idempotency-Key");

        // The same complaint in another language is another request: its messages would differ.
        var inUrdu = await PostAsync(RequestBodies.With(body, "language", "ur"));
        inUrdu.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await FieldOfAsync(inUrdu)).ShouldBe("Idempotency-Key");
    }

    [Fact]
    public async Task Assignment_IsRefused409_BelowTheInquiryRank_AndInsideTheStation()
    {
        var reference = await SubmitAsync(app, Station, NewPhone());
        var centre = await app.SignInAsync("centre");

        var sho = await AssignAsync(centre, reference, app.Demo("sho").UserName);
        sho.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await sho.Content.ReadAsStringAsync(Ct)).ShouldContain("inquiry-rank");

        // An officer of the right rank whose home unit is the station complained about.
        var admin = await app.SignInAsync("admin");
        var insider = "t-" + Guid.NewGuid().ToString("N")[..12];
        (await admin.PostAsJsonAsync("/api/v1/staff", new { userName = insider, displayName = "Generated SDPO", unitCode = Station, roles = new[] { Roles.SubdivisionOfficer }, password = "Pw-" + Guid.NewGuid() }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var inside = await AssignAsync(centre, reference, insider);
        inside.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await inside.Content.ReadAsStringAsync(Ct)).ShouldContain("inquiry-outside-station");

        var unknown = await AssignAsync(centre, reference, "nobody-" + Guid.NewGuid().ToString("N")[..6]);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOfAsync(unknown)).ShouldBe("officer");

        (await AssignAsync(centre, reference, app.Demo("sdpo").UserName)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Inquiry_CallsRepliesProvedFalse_StaysOpenUntilTheCitizenIsSatisfied()
    {
        var phone = NewPhone();
        var reference = await SubmitAsync(app, Station, phone);
        var centre = await app.SignInAsync("centre");
        (await AssignAsync(centre, reference, app.Demo("sdpo").UserName)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sdpo = await app.SignInAsync("sdpo");

        // A reply before the first call breaks the rule: the officer calls first.
        var early = await sdpo.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/reply", new { reply = "Inquired.", finding = "ProvedFalse" }, Ct);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var badFinding = await sdpo.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/reply", new { reply = "Inquired.", finding = "Maybe" }, Ct);
        (await FieldOfAsync(badFinding)).ShouldBe("finding");

        (await sdpo.PostAsJsonAsync($"/api/v1/police-complaints/{reference}/calls", new { note = "Spoke to the complainant." }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replied = await sdpo.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/reply", new { reply = "The register shows release the same evening.", finding = "ProvedFalse" }, Ct);
        replied.StatusCode.ShouldBe(HttpStatusCode.OK);

        var citizen = app.CreateClient();
        var notSatisfied = await citizen.PostAsJsonAsync($"/api/v1/police-complaints/{reference}/satisfaction", new { phone, satisfied = false, comment = "Not true." }, Ct);
        (await notSatisfied.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("Replied");
        var wrongPhone = await citizen.PostAsJsonAsync($"/api/v1/police-complaints/{reference}/satisfaction", new { phone = NewPhone(), satisfied = true }, Ct);
        wrongPhone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var satisfied = await citizen.PostAsJsonAsync($"/api/v1/police-complaints/{reference}/satisfaction", new { phone, satisfied = true }, Ct);
        var closed = await satisfied.Content.ReadFromJsonAsync<JsonElement>(Ct);
        closed.GetProperty("status").GetString().ShouldBe("Closed");
        closed.GetProperty("closure").GetString().ShouldBe("CitizenSatisfied");

        var again = await sdpo.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/closure", new { reason = "Twice." }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var stored = await app.WithDbAsync(db => db.Set<Nigehban.Web.Features.PoliceComplaints.PoliceComplaint>().AsNoTracking().SingleAsync(c => c.Reference == reference, Ct));
        stored.Finding.ShouldBe(Nigehban.Web.Features.PoliceComplaints.PoliceComplaintFinding.ProvedFalse);
    }

    [Fact]
    public async Task SeniorOfficer_ClosesWithAReason_TheCentresClerkCannot()
    {
        var reference = await SubmitAsync(app, Station, NewPhone());
        var centre = await app.SignInAsync("centre");
        (await centre.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/closure", new { reason = "Withdrawn." }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var ig = await app.SignInAsync("ig");
        var noReason = await ig.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/closure", new { reason = " " }, Ct);
        (await FieldOfAsync(noReason)).ShouldBe("reason");
        var closed = await ig.PutAsJsonAsync($"/api/v1/police-complaints/{reference}/closure", new { reason = "Complainant withdrew by phone." }, Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await closed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("Closed");
    }
}

public sealed class PoliceComplaintApiTests_Sqlite(SqliteApp app) : PoliceComplaintApiTests(app);

public sealed class PoliceComplaintApiTests_Postgres(PostgresApp app) : PoliceComplaintApiTests(app);
