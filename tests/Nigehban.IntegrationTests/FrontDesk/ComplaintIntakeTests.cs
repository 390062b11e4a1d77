using System.Net;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.FrontDesk;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>Complaint intake and public tracking (issue 16, items 2 and 3).</summary>
public abstract class ComplaintIntakeTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task File_Returns201WithReferenceStatusAndDueAt_AndQueuesTheComplainantsSms()
    {
        var phone = NewPhone();
        var response = await PostAsync(app.CreateClient(), Complaint(phone, nationalId: "35202-1234567-1"));

        var body = await OkCreatedAsync(response);
        var reference = body.GetProperty("reference").GetString()!;
        reference.ShouldStartWith("CMP-LHR-");
        body.GetProperty("status").GetString().ShouldBe("Received");
        body.GetProperty("dueAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(23));
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/complaints/{reference}");

        var sms = await SmsToAsync(app, phone);
        sms.Count.ShouldBe(1);
        sms[0].ShouldContain(reference);
        var stored = await app.WithDbAsync(db => db.Set<StationComplaint>().AsNoTracking().SingleAsync(c => c.Reference == reference, Ct));
        stored.Channel.ShouldBe(ComplaintChannel.Online);
        stored.Complainant.NationalId.ShouldBe("3520212345671");
        stored.Latitude.ShouldBe(31.55);
    }

    [Fact]
    public async Task File_AtTheDesk_IsADeskComplaint()
    {
        var desk = await app.SignInAsync("frontdesk");
        var reference = await FileAsync(desk, Complaint(NewPhone()));

        var stored = await app.WithDbAsync(db => db.Set<StationComplaint>().AsNoTracking().SingleAsync(c => c.Reference == reference, Ct));
        stored.Channel.ShouldBe(ComplaintChannel.Desk);
    }

    [Theory]
    [InlineData("category", "burglary-of-the-moon", null, "category")]
    [InlineData("phone", "12ab", null, "complainant.phone")]
    [InlineData("nationalId", "1234", null, "complainant.nationalId")]
    [InlineData("unit", "NOWHERE", null, "unit")]
    [InlineData("unit", "LHR-C1", null, "unit")]
    [InlineData("incidentAt", null, 2, "incidentAt")]
    public async Task File_Returns400NamingTheField_AndWritesNothing(string what, string? value, int? daysAhead, string field)
    {
        var phone = NewPhone();
        var complaint = what switch
        {
            "category" => Complaint(phone, category: value!),
            "phone" => Complaint(value!),
            "nationalId" => Complaint(phone, nationalId: value),
            "unit" => Complaint(phone, unit: value!),
            _ => Complaint(phone, incidentAt: DateTimeOffset.UtcNow.AddDays(daysAhead!.Value)),
        };

        (await FieldOfAsync(await PostAsync(app.CreateClient(), complaint), 400)).ShouldBe(field);
        (await app.WithDbAsync(db => db.Set<StationComplaint>().CountAsync(c => c.Complainant.Phone == phone, Ct))).ShouldBe(0);
        (await SmsToAsync(app, phone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task File_WithSeveralBadFields_Returns400NamingEveryOne_SoTheDeskFormShowsThemAtOnce()
    {
        var phone = NewPhone();
        var complaint = new
        {
            unit = "NOWHERE",
            category = "burglary-of-the-moon",
            description = "",
            incidentAt = DateTimeOffset.UtcNow.AddDays(2),
            complainant = new { name = "", phone = "12ab", nationalId = "1234" },
        };

        var response = await PostAsync(app.CreateClient(), complaint);
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(400, body);
        var errors = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldBe(["unit", "category", "description", "incidentAt", "complainant.nationalId", "complainant.name", "complainant.phone"], ignoreOrder: true);
        (await app.WithDbAsync(db => db.Set<StationComplaint>().CountAsync(c => c.Complainant.Phone == phone, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task File_AtTheDeskForAUnitOutsideTheOfficersJurisdiction_Returns404NamingTheUnit()
    {
        var desk = await app.SignInAsync("frontdesk2");
        (await FieldOfAsync(await PostAsync(desk, Complaint(NewPhone(), unit: "LHR-PS01")), 404)).ShouldBe("unit");
    }

    [Fact]
    public async Task File_WithAReplayedKey_ReturnsTheFirstComplaint_AndAnotherRequestUnderTheKeyIs422()
    {
        var phone = NewPhone();
        var key = Guid.NewGuid().ToString();
        var client = app.CreateClient();
        var complaint = Complaint(phone, incidentAt: DateTimeOffset.UtcNow.AddHours(-2));

        var first = await OkCreatedAsync(await PostAsync(client, complaint, key));
        var again = await PostAsync(client, complaint, key);
        var replay = await OkCreatedAsync(again);

        replay.GetProperty("reference").GetString().ShouldBe(first.GetProperty("reference").GetString());
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await app.WithDbAsync(db => db.Set<StationComplaint>().CountAsync(c => c.Complainant.Phone == phone, Ct))).ShouldBe(1);
        (await SmsToAsync(app, phone)).Count.ShouldBe(1);
        (await FieldOfAsync(await PostAsync(client, Complaint(NewPhone()), key), 422)).ShouldBe("Idempotency-Key");
    }

    [Fact]
    public async Task File_ReplayedKeyInAnotherLanguage_IsAnotherRequest_422()
    {
        // The language decides which SMS the citizen gets: the same key with another language is not
        // the same request, and replaying the first answer would hide that the second was not done.
        var phone = NewPhone();
        var key = Guid.NewGuid().ToString();
        var client = app.CreateClient();
        var incidentAt = DateTimeOffset.UtcNow.AddHours(-2);
        await OkCreatedAsync(await PostAsync(client, RequestBodies.With(Complaint(phone, incidentAt: incidentAt), "language", "en"), key));

        var inUrdu = await PostAsync(client, RequestBodies.With(Complaint(phone, incidentAt: incidentAt), "language", "ur"), key);

        (await FieldOfAsync(inUrdu, 422)).ShouldBe("Idempotency-Key");
    }

    [Fact]
    public async Task File_WithAnOverlongKey_Is400NamingTheHeader_InTheCallersLanguage()
    {
        // The key's limit is shared by every write that takes one; its refusal was English only here.
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ur");

        var refused = await PostAsync(client, Complaint(NewPhone()), new string('k', 101));

        (await FieldOfAsync(refused, 400)).ShouldBe("Idempotency-Key");
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("حروف");
    }

    [Fact]
    public async Task Track_ByReferenceAndPhone_ShowsStatus_AndAnyMismatchIs404()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        var citizen = app.CreateClient();

        var spaced = phone[..5] + " " + phone[5..];
        var tracked = await OkAsync(await citizen.GetAsync($"/api/v1/complaints/{reference.ToLowerInvariant()}?phone={Uri.EscapeDataString(spaced)}", Ct));
        tracked.GetProperty("status").GetString().ShouldBe("Received");
        tracked.GetProperty("category").GetString().ShouldBe("Theft");
        tracked.GetProperty("timeline").GetArrayLength().ShouldBe(1);
        tracked.TryGetProperty("complainant", out _).ShouldBeFalse();

        var typo = reference[..^1] + (reference[^1] == 'A' ? 'B' : 'A');
        (await citizen.GetAsync($"/api/v1/complaints/{reference}?phone={Uri.EscapeDataString(NewPhone())}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await citizen.GetAsync($"/api/v1/complaints/{typo}?phone={Uri.EscapeDataString(phone)}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await citizen.GetAsync($"/api/v1/complaints/{reference}?phone=not-a-phone", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FieldOfAsync(await citizen.GetAsync($"/api/v1/complaints/{reference}", Ct), 400)).ShouldBe("phone");
    }

    [Fact]
    public async Task Track_WithThePlusOfThePhoneNotEscapedInTheQuery_FindsTheComplaint_ItsReceiptToo()
    {
        // A client that writes ?phone=+92... unescaped sends a space where the + was (form encoding):
        // the complainant's own number must still find the complaint, and nobody else's.
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        using var citizen = app.CreateClient();

        var tracked = await OkAsync(await citizen.GetAsync($"/api/v1/complaints/{reference}?phone={phone}", Ct));
        tracked.GetProperty("reference").GetString().ShouldBe(reference);
        (await citizen.GetAsync($"/api/v1/complaints/{reference}/receipt?phone={phone}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await citizen.GetAsync($"/api/v1/complaints/{reference}?phone={NewPhone()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await citizen.GetAsync($"/api/v1/complaints/{reference}?phone={phone[1..]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Catalogue_ListsThePacksCategoriesAndPurposes_InTheCallersLanguage()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ur");
        var catalogue = await OkAsync(await client.GetAsync("/api/v1/complaints/categories", Ct));

        catalogue.GetProperty("referencePrefix").GetString().ShouldBe("CMP");
        catalogue.GetProperty("categories").EnumerateArray().ShouldContain(c => c.GetProperty("code").GetString() == "theft" && c.GetProperty("name").GetString() == "چوری");
        catalogue.GetProperty("visitorPurposes").EnumerateArray().Select(p => p.GetProperty("code").GetString())
            .ShouldBe(["complaint", "service", "inquiry", "fir-copy", "other"]);
    }

    private static async Task<System.Text.Json.JsonElement> OkCreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(201, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }
}

public sealed class ComplaintIntakeTests_Sqlite(SqliteApp app) : ComplaintIntakeTests(app);

public sealed class ComplaintIntakeTests_Postgres(PostgresApp app) : ComplaintIntakeTests(app);
