using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Platform.Audit;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>A complaint's life at the station, who may see it, and its transfers (issue 16, item 4).</summary>
public abstract class ComplaintLifecycleTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complaint_IsAssigned_Inquired_Disposed_AndRated_WithTheCitizenToldAtEveryStep()
    {
        var phone = NewPhone();
        var reference = await FileAsync(await app.SignInAsync("frontdesk"), Complaint(phone));
        var sho = await app.SignInAsync("sho");
        var io = await app.SignInAsync("io");

        var assigned = await OkAsync(await AssignAsync(sho, reference, phone: "+923331112233"));
        assigned.GetProperty("status").GetString().ShouldBe("Assigned");
        var mine = await io.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/complaints?mine=true&pageSize=100", Ct);
        mine.GetProperty("items").EnumerateArray().ShouldContain(c => c.GetProperty("reference").GetString() == reference);

        (await OkAsync(await io.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct))).GetProperty("status").GetString().ShouldBe("UnderInquiry");
        var disposed = await OkAsync(await io.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved", note = "Bicycle recovered and returned." }, Ct));
        disposed.GetProperty("status").GetString().ShouldBe("Disposed");
        disposed.GetProperty("disposedInTime").GetBoolean().ShouldBeTrue();

        var citizen = app.CreateClient();
        var tracked = await OkAsync(await citizen.GetAsync($"/api/v1/complaints/{reference}?phone={Uri.EscapeDataString(phone)}", Ct));
        tracked.GetProperty("officer").GetProperty("phone").GetString().ShouldBe("+923331112233");
        tracked.GetProperty("outcome").GetString().ShouldBe("Resolved");
        (await OkAsync(await citizen.PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 4, comment = "Quick and polite." }, Ct)))
            .GetProperty("rating").GetInt32().ShouldBe(4);
        (await FieldOfAsync(await citizen.PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 5 }, Ct), 409)).ShouldBeNull();

        var sms = await SmsToAsync(app, phone);
        sms.Count.ShouldBe(4); // received, assigned (with the officer's phone), inquiry begun, decided
        sms.ShouldContain(t => t.Contains("923331112233"));
        var steps = await app.WithDbAsync(db => db.Set<ComplaintStep>().Where(s => db.Set<StationComplaint>().Any(c => c.Id == s.ComplaintId && c.Reference == reference)).CountAsync(Ct));
        steps.ShouldBe(5);
    }

    [Fact]
    public async Task IllegalMoves_Are409_AndBadInputNamesTheField()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        var sho = await app.SignInAsync("sho");
        var io = await app.SignInAsync("io");

        await FieldOfAsync(await io.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct), 409);
        await FieldOfAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved" }, Ct), 409);
        await FieldOfAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 3 }, Ct), 409);
        (await FieldOfAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 6 }, Ct), 400)).ShouldBe("rating");
        (await FieldOfAsync(await AssignAsync(sho, reference, phone: "call me"), 400)).ShouldBe("phone");

        await OkAsync(await AssignAsync(sho, reference));
        await OkAsync(await io.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct));
        (await FieldOfAsync(await io.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Filed" }, Ct), 400)).ShouldBe("note");
        (await FieldOfAsync(await io.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Forgotten" }, Ct), 400)).ShouldBe("outcome");
        await OkAsync(await io.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Filed", note = "Complainant withdrew the complaint." }, Ct));
        await FieldOfAsync(await io.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved" }, Ct), 409);
        await FieldOfAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/transfers", new { toUnit = "LHR-PS02", reason = "Wrong station" }, Ct), 409);
    }

    [Fact]
    public async Task Complaints_AreSeenByTheStationAndItsDistrict_AndAre404Elsewhere()
    {
        var reference = await FileAsync(app.CreateClient(), Complaint(NewPhone()));

        foreach (var insider in new[] { "frontdesk", "io", "sho", "dpo" })
        {
            var client = await app.SignInAsync(insider);
            (await client.GetAsync($"/api/v1/complaints/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, insider);
        }

        foreach (var outsider in new[] { "frontdesk2", "dpo2" })
        {
            var client = await app.SignInAsync(outsider);
            (await client.GetAsync($"/api/v1/complaints/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, outsider);
            var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/complaints?pageSize=100", Ct);
            list.GetProperty("items").EnumerateArray().ShouldNotContain(c => c.GetProperty("reference").GetString() == reference);
        }

        var dpo2 = await app.SignInAsync("dpo2");
        (await dpo2.PostAsJsonAsync($"/api/v1/complaints/{reference}/transfers", new { toUnit = "SKP-PS01", reason = "taking it" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AssignAsync(dpo2, reference)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var reads = await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "complaint.read" && e.ObjectId == reference, Ct));
        reads.ShouldBe(4);
    }

    [Fact]
    public async Task DistrictComplaint_IsRoutedToAStationByItsComplaintCell_KeepingItsReference()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone, unit: "LHR"));
        var sho = await app.SignInAsync("sho");
        var dpo = await app.SignInAsync("dpo");

        (await sho.GetAsync($"/api/v1/complaints/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await FieldOfAsync(await AssignAsync(dpo, reference), 409);
        (await FieldOfAsync(await dpo.PostAsJsonAsync($"/api/v1/complaints/{reference}/transfers", new { toUnit = "SKP-PS01", reason = "elsewhere" }, Ct), 400)).ShouldBe("toUnit");
        (await FieldOfAsync(await dpo.PostAsJsonAsync($"/api/v1/complaints/{reference}/transfers", new { toUnit = "LHR-PS01" }, Ct), 400)).ShouldBe("reason");

        var moved = await OkAsync(await dpo.PostAsJsonAsync($"/api/v1/complaints/{reference}/transfers", new { toUnit = "LHR-PS01", reason = "The incident was in its area." }, Ct));
        moved.GetProperty("reference").GetString().ShouldBe(reference);
        moved.GetProperty("unit").GetString().ShouldBe("LHR-PS01");
        var detail = await OkAsync(await sho.GetAsync($"/api/v1/complaints/{reference}", Ct));
        detail.GetProperty("timeline").EnumerateArray().ShouldContain(s => s.GetProperty("event").GetString() == "Transferred" && s.GetProperty("fromUnit").GetString() == "LHR");
        var id = (await app.WithDbAsync(db => db.Set<StationComplaint>().SingleAsync(c => c.Reference == reference, Ct))).Id.ToString();
        var audited = await app.WithDbAsync(db => db.Set<AuditEvent>()
            .Where(e => e.Action == "StationComplaint.updated" && e.ObjectId == id && e.ActorName == "dpo").Select(e => e.Details).ToListAsync(Ct));
        audited.ShouldHaveSingleItem()!.ShouldContain("UnitCode");
        (await SmsToAsync(app, phone)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task AnotherStationsOfficer_MayNotWorkTheInquiry()
    {
        var reference = await FileAsync(app.CreateClient(), Complaint(NewPhone()));
        var sho = await app.SignInAsync("sho");
        await OkAsync(await AssignAsync(sho, reference, officer: "someone-else"));

        var io = await app.SignInAsync("io");
        (await io.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await OkAsync(await sho.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct))).GetProperty("status").GetString().ShouldBe("UnderInquiry");
    }
}

public sealed class ComplaintLifecycleTests_Sqlite(SqliteApp app) : ComplaintLifecycleTests(app);

public sealed class ComplaintLifecycleTests_Postgres(PostgresApp app) : ComplaintLifecycleTests(app);
