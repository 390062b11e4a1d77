using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.WantedFixtures;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>
/// Hotel registrations (issue 19, item 4): a station registers a hotel and hands it a key; the hotel
/// registers its guests with it and reaches nothing else; a wanted guest raises exactly one alert at
/// the hotel's station, which acknowledges it against the pack's clock (moved with the app's TimeProvider).
/// </summary>
public abstract class HotelRegistrationTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StationOf(string user) => app.DemoAccounts.Single(a => a.UserName == user).Unit;

    [Fact]
    public async Task ACheckInSentAgainAMinuteLater_WithoutItsTime_IsAnsweredWithTheFirst()
    {
        // Found from outside: the check-in time a hotel leaves out defaults to now, and the request's
        // hash took that default, so the same request repeated later was refused as a different one (422).
        var hotel = await RegisterHotelAsync(await app.SignInWithNextCodeAsync("frontdesk2"), StationOf("frontdesk2"));
        var guests = HotelClient(app, hotel.Key);
        var guest = Guest(ServiceCentreFixtures.NewCnic(), NewName("Test Repeated Guest"));

        var first = await CheckInAsync(guests, guest, "repeat-later");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await CheckInAsync(guests, guest, "repeat-later");

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Ct));
        (await again.ReadJsonAsync()).GetProperty("id").GetGuid().ShouldBe((await first.ReadJsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task AWantedPersonCheckingIn_RaisesExactlyOneAlert_AtTheStationOfTheHotel()
    {
        // Wanted in an FIR of LHR-PS01, he checks into a hotel of another district's station.
        var name = NewName("Test Hotel Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        var fir = await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var otherDesk = await app.SignInWithNextCodeAsync("frontdesk2");
        var hotel = await RegisterHotelAsync(otherDesk, StationOf("frontdesk2"));
        var guests = HotelClient(app, hotel.Key);
        var before = await AlertsAsync(otherDesk);

        var wanted = await CheckInAsync(guests, Guest(cnic, name), "check-in-1");
        var replay = await CheckInAsync(guests, Guest(cnic, name), "check-in-1");
        var clear = await CheckInAsync(guests, Guest(ServiceCentreFixtures.NewCnic(), NewName("Test Ordinary Guest")));

        wanted.StatusCode.ShouldBe(HttpStatusCode.Created, await wanted.Content.ReadAsStringAsync(Ct));
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var wantedBody = await wanted.ReadJsonAsync();
        var stay = wantedBody.GetProperty("id").GetGuid();
        (await replay.ReadJsonAsync()).GetProperty("id").GetGuid().ShouldBe(stay);
        // The hotel learns nothing: a wanted guest's answer has the same fields as anyone's.
        var wantedFields = wantedBody.EnumerateObject().Select(p => p.Name).ToList();
        (await clear.ReadJsonAsync()).EnumerateObject().Select(p => p.Name).ShouldBe(wantedFields);

        var raised = (await AlertsAsync(otherDesk)).Where(a => !before.Any(b => b.GetProperty("id").GetGuid() == a.GetProperty("id").GetGuid())).ToList();
        var alert = raised.ShouldHaveSingleItem();
        alert.GetProperty("unit").GetString().ShouldBe(hotel.Unit);
        alert.GetProperty("personName").GetString().ShouldBe(name);
        alert.GetProperty("matchedOn").GetString().ShouldBe("national-id");
        (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"))).ShouldNotContain(a => a.GetProperty("personName").GetString() == name);

        var full = await (await otherDesk.GetAsync($"/api/v1/registration-alerts/{alert.GetProperty("id").GetGuid()}", Ct)).ReadJsonAsync();
        full.GetProperty("reason").GetString()!.ShouldContain(fir);
        full.GetProperty("registrationId").GetGuid().ShouldBe(stay);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        (await db.Set<RegistrationAlert>().IgnoreQueryFilters().CountAsync(a => a.RegistrationId == stay, Ct)).ShouldBe(1);
        var messages = await db.Set<OutboxMessage>().Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(alert.GetProperty("id").GetGuid().ToString())).ToListAsync(Ct);
        messages.ShouldHaveSingleItem().Recipient.ShouldBe($"unit:{hotel.Unit}:in-charge");
    }

    [Fact]
    public async Task AWantedPerson_IsMatchedByNameWithFathersName_AndNotWithAnotherFather()
    {
        var name = NewName("Test Named Absconder");
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, ServiceCentreFixtures.NewCnic(), "Test Elder");
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var hotel = HotelClient(app, (await RegisterHotelAsync(desk, StationOf("frontdesk"))).Key);

        (await CheckInAsync(hotel, Guest(ServiceCentreFixtures.NewCnic(), name.ToUpperInvariant(), "test elder"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CheckInAsync(hotel, Guest(ServiceCentreFixtures.NewCnic(), name, "Somebody Else"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var alerts = (await AlertsAsync(desk)).Where(a => a.GetProperty("personName").GetString()!.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        alerts.ShouldHaveSingleItem().GetProperty("matchedOn").GetString().ShouldBe("name");
    }

    [Fact]
    public async Task AHotelKey_RegistersOnlyItsOwnGuests_AndReadsNothingElse()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var first = HotelClient(app, (await RegisterHotelAsync(desk, StationOf("frontdesk"))).Key);
        var second = HotelClient(app, (await RegisterHotelAsync(desk, StationOf("frontdesk"))).Key);
        var stay = (await (await CheckInAsync(first, Guest(ServiceCentreFixtures.NewCnic(), "Test First Hotel Guest"))).ReadJsonAsync()).GetProperty("id").GetGuid();

        var stranger = await second.PostAsJsonAsync("/api/v1/hotel/departures", new { stay }, Ct);
        stranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Test First Hotel Guest");
        var secondsGuests = await (await second.GetAsync("/api/v1/hotel/guests?pageSize=100", Ct)).ReadJsonAsync();
        secondsGuests.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == stay);

        foreach (var path in new[] { "/api/v1/registration-alerts", "/api/v1/hotels", "/api/v1/persons?purpose=verification&name=Test", "/api/v1/firs", "/api/v1/wanted-persons" })
        {
            // A hotel's key is no staff session: to the staff routes the caller has not signed in.
            (await second.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }

        (await second.PostAsJsonAsync("/api/v1/hotels", new { unit = StationOf("frontdesk"), name = "Test Own", address = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CheckInAsync(desk, Guest(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // staff are not a hotel
        var unknown = await CheckInAsync(HotelClient(app, "htl_" + new string('A', 32)), Guest(ServiceCentreFixtures.NewCnic()));
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        (await first.PostAsJsonAsync("/api/v1/hotel/departures", new { stay }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.PostAsJsonAsync("/api/v1/hotel/departures", new { stay }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadInput_IsRefusedNamingTheField_AndWritesNothing()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var hotel = HotelClient(app, (await RegisterHotelAsync(desk, StationOf("frontdesk"))).Key);

        var malformed = await CheckInAsync(hotel, Guest("35202-12345"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.ReadJsonAsync()).GetProperty("errors").TryGetProperty("nationalId", out _).ShouldBeTrue();
        var backwards = await CheckInAsync(hotel, new { guestName = "Test Guest", nationalId = ServiceCentreFixtures.NewCnic(),
            checkedInAt = app.Now.AddHours(-1), checkedOutAt = app.Now.AddHours(-2) });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.ReadJsonAsync()).GetProperty("errors").TryGetProperty("checkedOutAt", out _).ShouldBeTrue();

        var csv = "guestName,nationalId,room,checkedInAt\nTest Upload One," + ServiceCentreFixtures.NewCnic() + ",1,2026-01-02 10:00\nTest Upload Two,123,2,2026-01-02 11:00\n";
        var upload = await hotel.PostAsync("/api/v1/hotel/guests/uploads", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        upload.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await upload.ReadJsonAsync()).GetProperty("errors").TryGetProperty("line 3: nationalId", out _).ShouldBeTrue();
        (await (await hotel.GetAsync("/api/v1/hotel/guests", Ct)).ReadJsonAsync()).GetProperty("totalCount").GetInt32().ShouldBe(0, "nothing partial");

        var outside = await (await app.SignInWithNextCodeAsync("frontdesk2")).PostAsJsonAsync("/api/v1/hotels",
            new { unit = StationOf("frontdesk"), name = "Test Elsewhere", address = "x" }, Ct);
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outside.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unit");
    }

    [Fact]
    public async Task ASmallHotelsUpload_RegistersEveryRow_AndMatchesEachOnArrival()
    {
        var name = NewName("Test Upload Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var hotel = HotelClient(app, (await RegisterHotelAsync(desk, StationOf("frontdesk"))).Key);

        var csv = $"guestName,fatherName,nationalId,room,checkedInAt,checkedOutAt\n\"{name}\",Test Father,{cnic},3,2026-01-02 10:00,\nTest Upload Guest,,{ServiceCentreFixtures.NewCnic()},4,2026-01-02T11:00+05:00,2026-01-03 09:00\n";
        var upload = await hotel.PostAsync("/api/v1/hotel/guests/uploads", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));
        (await upload.ReadJsonAsync()).GetProperty("registered").GetInt32().ShouldBe(2);
        (await AlertsAsync(desk)).Count(a => a.GetProperty("personName").GetString() == name).ShouldBe(1);
    }

    [Fact]
    public async Task AnUploadSentAgainUnderItsKey_IsAnsweredWithTheFirst_AndAnotherFileUnderTheKeyIs422()
    {
        // Another file of as many rows under a used key was answered as the first one's stays: its guests were never registered.
        var hotel = HotelClient(app, (await RegisterHotelAsync(await app.SignInWithNextCodeAsync("frontdesk"), StationOf("frontdesk"))).Key);
        var key = Guid.NewGuid().ToString("N");
        var first = $"guestName,nationalId,room,checkedInAt\nTest Upload Repeat,{ServiceCentreFixtures.NewCnic()},7,2026-01-02 10:00\n";
        var other = $"guestName,nationalId,room,checkedInAt\nTest Upload Other,{ServiceCentreFixtures.NewCnic()},8,2026-01-02 10:00\n";
        async Task<HttpResponseMessage> UploadAsync(string csv)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hotel/guests/uploads") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            request.Headers.Add("Idempotency-Key", key);
            return await hotel.SendAsync(request, Ct);
        }

        (await UploadAsync(first)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await UploadAsync(first);
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Ct));
        (await again.ReadJsonAsync()).GetProperty("stays")[0].GetProperty("guestName").GetString().ShouldBe("Test Upload Repeat");

        var refused = await UploadAsync(other);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync(Ct));
        (await refused.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("Idempotency-Key");
    }

    [Fact]
    public async Task AnAlert_IsAcknowledgedOnce_AndIsOverdueWhenLeftPastThePacksDeadline()
    {
        var name = NewName("Test Clock Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var hotel = HotelClient(app, (await RegisterHotelAsync(await app.SignInWithNextCodeAsync("frontdesk"), StationOf("frontdesk"))).Key);
        (await CheckInAsync(hotel, Guest(cnic, name))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CheckInAsync(hotel, Guest(cnic, name))).StatusCode.ShouldBe(HttpStatusCode.Created); // a second stay: a second alert

        var sho = await app.SignInWithNextCodeAsync("sho");
        var mine = (await AlertsAsync(sho, "&open=true")).Where(a => a.GetProperty("personName").GetString() == name).ToList();
        mine.Count.ShouldBe(2);
        mine.ShouldAllBe(a => !a.GetProperty("overdue").GetBoolean());
        var (first, second) = (mine[0].GetProperty("id").GetGuid(), mine[1].GetProperty("id").GetGuid());

        var ack = await sho.PostAsJsonAsync($"/api/v1/registration-alerts/{first}/acknowledgement", new { note = "Team sent" }, Ct);
        ack.StatusCode.ShouldBe(HttpStatusCode.OK, await ack.Content.ReadAsStringAsync(Ct));
        (await ack.ReadJsonAsync()).GetProperty("acknowledgedBy").GetString().ShouldBe("sho");
        (await sho.PostAsJsonAsync($"/api/v1/registration-alerts/{first}/acknowledgement", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        app.Clock.Advance(TimeSpan.FromMinutes(16)); // Punjab: 15 minutes
        var later = await app.SignInWithNextCodeAsync("sho");
        var after = (await AlertsAsync(later)).Where(a => a.GetProperty("personName").GetString() == name).ToDictionary(a => a.GetProperty("id").GetGuid());
        after[first].GetProperty("overdue").GetBoolean().ShouldBeFalse("acknowledged in time");
        after[second].GetProperty("overdue").GetBoolean().ShouldBeTrue("open past its deadline");
        (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk2"))).ShouldNotContain(a => a.GetProperty("personName").GetString() == name);
        (await later.GetAsync($"/api/v1/registration-alerts/{second}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.SignInWithNextCodeAsync("dpo2")).GetAsync($"/api/v1/registration-alerts/{second}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ThreeOfficersAcknowledgingAtOnce_ExactlyOneSucceeds()
    {
        var name = NewName("Test Raced Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var hotel = HotelClient(app, (await RegisterHotelAsync(await app.SignInWithNextCodeAsync("frontdesk"), StationOf("frontdesk"))).Key);
        (await CheckInAsync(hotel, Guest(cnic, name))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var officers = new[] { await app.SignInWithNextCodeAsync("sho"), await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io") };
        var alert = (await AlertsAsync(officers[0])).Single(a => a.GetProperty("personName").GetString() == name).GetProperty("id").GetGuid();

        var answers = await Task.WhenAll(officers.Select(o => o.PostAsJsonAsync($"/api/v1/registration-alerts/{alert}/acknowledgement", new { }, Ct)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(officers.Length - 1);
    }

    [Fact]
    public async Task TheDashboard_CountsRegistrationsAndAlerts_AsTheRawRowsSay()
    {
        var name = NewName("Test Counted Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var station = StationOf("frontdesk2");
        var hotel = HotelClient(app, (await RegisterHotelAsync(await app.SignInWithNextCodeAsync("frontdesk2"), station)).Key);
        Task<long> CountAsync(string metric, string dimension) => app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.UnitCode == station && r.Period == RollupPeriod.Month && r.Metric == metric && r.Dimension == dimension).SumAsync(r => r.Count, Ct));
        var (alertsBefore, staysBefore) = (await CountAsync(RegistrationAlertMetrics.Raised, "proclaimed-offender"), await CountAsync(HotelStayMetrics.Registrations, "hotel-stay"));

        (await CheckInAsync(hotel, Guest(cnic, name))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CheckInAsync(hotel, Guest(ServiceCentreFixtures.NewCnic(), NewName("Test Counted Guest")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var desk = await app.SignInWithNextCodeAsync("frontdesk2");
        var alert = (await AlertsAsync(desk)).Single(a => a.GetProperty("personName").GetString() == name).GetProperty("id").GetGuid();
        (await desk.PostAsJsonAsync($"/api/v1/registration-alerts/{alert}/acknowledgement", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The station's month rows: one alert, two stays.
        (await CountAsync(RegistrationAlertMetrics.Raised, "proclaimed-offender")).ShouldBe(alertsBefore + 1);
        (await CountAsync(HotelStayMetrics.Registrations, "hotel-stay")).ShouldBe(staysBefore + 2);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheDemoWantedPerson_OnRecordInTheRecordsModule_HasAnAlertAtTheDemoHotelsStation()
    {
        var alerts = await AlertsAsync(await app.SignInWithNextCodeAsync("sho"));
        var demo = alerts.Where(a => a.GetProperty("personName").GetString() == SeedDemoRecords.People[0].Name).ShouldHaveSingleItem();
        demo.GetProperty("source").GetString().ShouldBe("wanted-on-record");
        demo.GetProperty("place").GetString().ShouldStartWith(SeedDemoHotel.HotelName);
        demo.GetProperty("unit").GetString().ShouldBe(StationOf("sho"));
    }

    [Fact]
    public async Task AHotelsKey_IsShownOnce_StoredHashed_AndANewKeyRetiresTheOld()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var hotel = await RegisterHotelAsync(desk, StationOf("frontdesk"));
        var read = await desk.GetAsync($"/api/v1/hotels/{hotel.Id}", Ct);
        (await read.Content.ReadAsStringAsync(Ct)).ShouldNotContain(hotel.Key);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<NigehbanDbContext>().Set<Hotel>().IgnoreQueryFilters().SingleAsync(h => h.Id == hotel.Id, Ct);
            stored.KeyHash.ShouldNotContain(hotel.Key[4..]);
        }

        var reissued = await desk.PostAsync($"/api/v1/hotels/{hotel.Id}/keys", null, Ct);
        reissued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var newKey = (await reissued.ReadJsonAsync()).GetProperty("apiKey").GetString()!;
        (await CheckInAsync(HotelClient(app, hotel.Key), Guest(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CheckInAsync(HotelClient(app, newKey), Guest(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

public sealed class HotelRegistrationTests_Sqlite(FakeClockSqliteApp app) : HotelRegistrationTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class HotelRegistrationTests_Postgres(FakeClockPostgresApp app) : HotelRegistrationTests(app), IClassFixture<FakeClockPostgresApp>;
