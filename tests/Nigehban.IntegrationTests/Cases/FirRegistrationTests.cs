using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.FrontDesk;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>FIR registration (issue 17, item 1): numbering, parties, bad input, the complaint link, idempotency, jurisdiction.</summary>
public abstract class FirRegistrationTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_Returns201WithTheStationsNumber_StoresItWhole_AndTextsTheComplainant()
    {
        var desk = await app.SignInAsync("frontdesk");
        var phone = NewPhone();

        var fir = await RegisterAsync(desk, Fir(phone));

        var reference = fir.GetProperty("reference").GetString()!;
        reference.ShouldStartWith("FIR-LHR-");
        var number = fir.GetProperty("firNumber").GetString()!;
        number.ShouldMatch(@"^\d+/20\d\d$");
        fir.GetProperty("crimeHead").GetString().ShouldBe("robbery");
        var stored = await app.WithDbAsync(db => db.Set<Fir>().AsNoTracking().Include(f => f.Parties).Include(f => f.Offences).SingleAsync(f => f.Reference == reference, Ct));
        stored.FirNumber.ShouldBe(number);
        stored.Offences.OrderBy(o => o.Position).Select(o => o.Code).ShouldBe(["PPC 392", "PPC 337-A"]);
        stored.Parties.Count.ShouldBe(5);
        stored.Parties.Single(p => p.IsUnknown).Role.ShouldBe(PartyRole.Accused);
        stored.Parties.Single(p => p.Role == PartyRole.Victim).Gender.ShouldBe(PartyGender.Male);
        stored.Latitude.ShouldBe(31.52);

        var sms = (await SmsToAsync(app, phone)).ShouldHaveSingleItem();
        sms.ShouldContain(number);
        sms.ShouldContain("PPC 392, PPC 337-A");
        sms.ShouldContain("Demo InvestigatingOfficer");
    }

    [Fact]
    public async Task Register_InUrdu_TextsTheComplainantInUrdu()
    {
        var phone = NewPhone();
        var fir = await RegisterAsync(await app.SignInAsync("sho"), Fir(phone, language: "ur"));

        var sms = JsonDocument.Parse((await SmsToAsync(app, phone)).ShouldHaveSingleItem()).RootElement.GetProperty("text").GetString()!;
        sms.ShouldContain("ایف آئی آر " + fir.GetProperty("firNumber").GetString());
    }

    [Theory]
    [InlineData("offence", "offences[1]", 400)]
    [InlineData("future", "occurredAt", 400)]
    [InlineData("no-complainant", "parties", 400)]
    [InlineData("victim-without-gender", "parties[1].gender", 400)]
    [InlineData("half-coordinates", "place.longitude", 400)]
    [InlineData("officer-elsewhere", "investigatingOfficer", 400)]
    [InlineData("not-a-station", "unit", 400)]
    [InlineData("outside-jurisdiction", "unit", 404)]
    public async Task Register_RefusesBadInputNamingTheField_AndWritesNothing(string what, string field, int status)
    {
        var phone = NewPhone();
        var complainant = new { role = "complainant", name = "Test Complainant", phone };
        var fir = what switch
        {
            "offence" => Fir(phone, offences: ["PPC 392", "PPC 9999"]),
            "future" => Fir(phone, occurredAt: DateTimeOffset.UtcNow.AddDays(1)),
            "no-complainant" => Fir(phone, parties: [new { role = "witness", name = "Test Witness" }]),
            "victim-without-gender" => Fir(phone, parties: [complainant, new { role = "victim", name = "Test Victim", age = 20 }]),
            "half-coordinates" => new { unit = "LHR-PS01", offences = new[] { "PPC 379" }, occurredAt = DateTimeOffset.UtcNow.AddHours(-1), place = new { text = "Test Road", latitude = 31.5 }, narrative = "Generated.", parties = new object[] { complainant }, investigatingOfficer = "io" },
            "officer-elsewhere" => Fir(phone, officer: "frontdesk2"),
            "not-a-station" => Fir(phone, unit: "LHR"),
            _ => Fir(phone, unit: "LHR-PS04"),
        };
        var desk = await app.SignInAsync(what == "outside-jurisdiction" ? "sho" : "frontdesk");

        var response = await FirFixtures.PostAsync(desk, fir);

        (await FieldOfAsync(response, status)).ShouldBe(field);
        (await app.WithDbAsync(db => db.Set<FirParty>().CountAsync(p => p.Phone == phone, Ct))).ShouldBe(0);
        (await SmsToAsync(app, phone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Register_FromAComplaint_KeepsItsReference_AndDisposesTheComplaintAsFirRegistered()
    {
        var phone = NewPhone();
        var complaint = await FileAsync(app.CreateClient(), Complaint(phone));
        var desk = await app.SignInAsync("frontdesk");

        // The complainant, time, place and narrative come from the complaint.
        var fir = await RegisterAsync(desk, new { complaintReference = complaint, offences = new[] { "PPC 379" }, investigatingOfficer = "io" });

        fir.GetProperty("reference").GetString().ShouldBe(complaint);
        fir.GetProperty("complaintReference").GetString().ShouldBe(complaint);
        fir.GetProperty("unit").GetString().ShouldBe("LHR-PS01");
        var stored = await app.WithDbAsync(db => db.Set<StationComplaint>().AsNoTracking().SingleAsync(c => c.Reference == complaint, Ct));
        stored.Status.ShouldBe(ComplaintStatus.Disposed);
        stored.Outcome.ShouldBe(ComplaintOutcome.FirRegistered);
        stored.DisposalNote.ShouldBe("LHR-PS01 " + fir.GetProperty("firNumber").GetString());
        (await SmsToAsync(app, phone)).Last().ShouldContain(fir.GetProperty("firNumber").GetString()!);

        // One complaint, one FIR: a second registration from it is refused and writes nothing.
        var again = await FirFixtures.PostAsync(desk, new { complaintReference = complaint, offences = new[] { "PPC 379" }, investigatingOfficer = "io" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.Set<Fir>().CountAsync(f => f.ComplaintReference == complaint, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Register_FromAnotherDistrictsComplaint_Returns404NamingTheComplaint()
    {
        var complaint = await FileAsync(app.CreateClient(), Complaint(NewPhone()));
        var otherDesk = await app.SignInAsync("frontdesk2");

        var response = await FirFixtures.PostAsync(otherDesk, new { complaintReference = complaint, offences = new[] { "PPC 379" }, investigatingOfficer = "io" });

        (await FieldOfAsync(response, 404)).ShouldBe("complaintReference");
    }

    [Fact]
    public async Task Register_WithAReplayedKey_ReturnsTheFirstFir_AndAnotherRequestUnderTheKeyIs422()
    {
        var desk = await app.SignInAsync("frontdesk");
        var phone = NewPhone();
        var key = Guid.NewGuid().ToString();
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-2);

        var first = await RegisterAsync(desk, Fir(phone, occurredAt: occurredAt), key);
        var replay = await FirFixtures.PostAsync(desk, Fir(phone, occurredAt: occurredAt), key);
        var other = await FirFixtures.PostAsync(desk, Fir(phone, occurredAt: occurredAt, offences: ["PPC 379"]), key);

        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var replayed = JsonDocument.Parse(await replay.Content.ReadAsStringAsync(Ct)).RootElement;
        replayed.GetProperty("firNumber").GetString().ShouldBe(first.GetProperty("firNumber").GetString());
        (await FieldOfAsync(other, 422)).ShouldBe("Idempotency-Key");
        (await app.WithDbAsync(db => db.Set<FirParty>().CountAsync(p => p.Phone == phone && p.Role == PartyRole.Complainant, Ct))).ShouldBe(1);
        (await SmsToAsync(app, phone)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Register_TheSameKeyEightTimesAtOnce_RegistersOneFir_AndTheLosersGiveTheirNumbersBack()
    {
        var desk = await app.SignInAsync("frontdesk");
        var phone = NewPhone();
        var key = Guid.NewGuid().ToString();
        var fir = Fir(phone, occurredAt: DateTimeOffset.UtcNow.AddHours(-1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => FirFixtures.PostAsync(desk, fir, key)));
        var after = await RegisterAsync(desk, Fir(NewPhone()));

        var numbers = new HashSet<string>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            ((int)response.StatusCode).ShouldBe(201, body);
            numbers.Add(JsonDocument.Parse(body).RootElement.GetProperty("firNumber").GetString()!);
        }

        numbers.ShouldHaveSingleItem();
        (await app.WithDbAsync(db => db.Set<FirParty>().CountAsync(p => p.Phone == phone && p.Role == PartyRole.Complainant, Ct))).ShouldBe(1);
        // A loser's number went back with its rollback: the next FIR follows the winner's directly.
        int NumberOf(string firNumber) => int.Parse(firNumber.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
        var year = after.GetProperty("firNumber").GetString()!.Split('/')[1];
        var station = await app.WithDbAsync(db => db.Set<Fir>().Where(f => f.UnitCode == "LHR-PS01" && f.Year == int.Parse(year, System.Globalization.CultureInfo.InvariantCulture)).Select(f => f.Number).ToListAsync(Ct));
        station.Order().ShouldBe(Enumerable.Range(1, station.Count));
        NumberOf(after.GetProperty("firNumber").GetString()!).ShouldBeGreaterThan(NumberOf(numbers.Single()));
    }

    [Fact]
    public async Task Read_TheStationAndDistrictSeeTheFir_AnotherDistrictGets404()
    {
        var fir = await RegisterAsync(await app.SignInAsync("frontdesk"), Fir(NewPhone()));
        var reference = fir.GetProperty("reference").GetString()!;

        foreach (var reader in new[] { "sho", "io", "dpo" })
        {
            var detail = await OkAsync(await (await app.SignInAsync(reader)).GetAsync($"/api/v1/firs/{reference}", Ct));
            detail.GetProperty("firNumber").GetString().ShouldBe(fir.GetProperty("firNumber").GetString());
            detail.GetProperty("offences")[0].GetProperty("title").GetString().ShouldBe("Punishment for robbery");
        }

        (await (await app.SignInAsync("dpo2")).GetAsync($"/api/v1/firs/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await OkAsync(await (await app.SignInAsync("dpo2")).GetAsync("/api/v1/firs?pageSize=100", Ct));
        list.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("reference").GetString() == reference);
        var stationList = await OkAsync(await (await app.SignInAsync("sho")).GetAsync("/api/v1/firs?unit=LHR-PS01", Ct));
        stationList.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task Register_32AtOnceAtOneStation_NumbersEveryFirOfTheStationOnceAndWithoutGaps()
    {
        var desk = await app.SignInAsync("frontdesk");
        var phones = Enumerable.Range(0, 32).Select(_ => NewPhone()).ToList();

        var responses = await Task.WhenAll(phones.Select(p => FirFixtures.PostAsync(desk, Fir(p, offences: ["PPC 379"]))));

        foreach (var response in responses)
        {
            ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync(Ct));
        }

        // Every FIR the station ever registered this year (other tests' too): 1..N, each once.
        var year = (await app.WithDbAsync(db => db.Set<Fir>().Where(f => f.Parties.Any(p => p.Phone == phones[0])).Select(f => f.Year).SingleAsync(Ct)));
        var numbers = await app.WithDbAsync(db => db.Set<Fir>().Where(f => f.UnitCode == "LHR-PS01" && f.Year == year).Select(f => f.Number).ToListAsync(Ct));
        numbers.Order().ShouldBe(Enumerable.Range(1, numbers.Count));
        numbers.Count.ShouldBeGreaterThanOrEqualTo(32);
    }
}

public sealed class FirRegistrationTests_Sqlite(SqliteApp app) : FirRegistrationTests(app);

public sealed class FirRegistrationTests_Postgres(PostgresApp app) : FirRegistrationTests(app);
