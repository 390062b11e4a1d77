using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.ServiceCentres;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Records;
using Shouldly;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>
/// The stolen-vehicle desk (issue 19): a station records a vehicle stolen or snatched, then recovered,
/// then handed over, and never backwards; another district sees none of it; bad input names its field
/// and writes nothing; a registration naming an open stolen vehicle, written however, raises exactly
/// one alert at the station of the place, wherever the vehicle was stolen.
/// </summary>
public abstract class StolenVehicleTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A generated number in the Punjab pack's shape, written with a dash as people write it.</summary>
    public static string NewPlate() =>
        $"{(char)('A' + Random.Shared.Next(26))}{(char)('A' + Random.Shared.Next(26))}{(char)('A' + Random.Shared.Next(26))}-{Random.Shared.Next(100_000, 999_999)}";

    public static object Theft(string plate, DateTimeOffset lostAt, string? unit = null) => new
    {
        unit, registrationNumber = plate, chassisNumber = "CH-TEST-1", engineNumber = "EN-TEST-1", make = "Test Make", model = "Test Model",
        colour = "White", loss = "Snatching", lostPlace = "Test Market, gate 2", lostAt, firReference = "FIR 123/2026",
    };

    public static async Task<JsonElement> RecordAsync(HttpClient officer, object theft)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/stolen-vehicles", theft, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadJsonAsync();
    }

    private async Task<List<JsonElement>> ListAsync(HttpClient officer, string query)
    {
        var response = await officer.GetAsync("/api/v1/stolen-vehicles?pageSize=100&" + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task AVehicle_MovesStolenRecoveredHandedOver_AndNeverBackOrAcross()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var plate = NewPlate();
        var id = (await RecordAsync(desk, Theft(plate, app.Now.AddHours(-3)))).GetProperty("id").GetGuid();
        var routes = $"/api/v1/stolen-vehicles/{id}";

        var handOverTooEarly = await desk.PostAsJsonAsync(routes + "/handover", new { to = "Test Owner", handedOverAt = app.Now }, Ct);
        handOverTooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var recoveredBeforeTheft = await desk.PostAsJsonAsync(routes + "/recovery", new { place = "Test Canal Road", recoveredAt = app.Now.AddHours(-4) }, Ct);
        recoveredBeforeTheft.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await recoveredBeforeTheft.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("recoveredAt");

        var recovered = await desk.PostAsJsonAsync(routes + "/recovery", new { place = "Test Canal Road", recoveredAt = app.Now.AddHours(-1) }, Ct);
        recovered.StatusCode.ShouldBe(HttpStatusCode.OK, await recovered.Content.ReadAsStringAsync(Ct));
        (await recovered.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("Recovered");
        (await desk.PostAsJsonAsync(routes + "/recovery", new { place = "Elsewhere", recoveredAt = app.Now }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var handedOver = await desk.PostAsJsonAsync(routes + "/handover", new { to = "Test Owner", handedOverAt = app.Now }, Ct);
        handedOver.StatusCode.ShouldBe(HttpStatusCode.OK, await handedOver.Content.ReadAsStringAsync(Ct));
        var again = await desk.PostAsJsonAsync(routes + "/handover", new { to = "Someone Else", handedOverAt = app.Now }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ReadJsonAsync()).GetProperty("status").GetInt32().ShouldBe(409);

        var read = await (await desk.GetAsync(routes, Ct)).ReadJsonAsync();
        read.GetProperty("status").GetString().ShouldBe("HandedOver");
        read.GetProperty("handedOverTo").GetString().ShouldBe("Test Owner");
        read.GetProperty("recoveredPlace").GetString().ShouldBe("Test Canal Road");
    }

    [Fact]
    public async Task TheList_FindsANumberHoweverItIsWritten_AndAnotherDistrictSeesNoneOfIt()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var plate = NewPlate();
        var id = (await RecordAsync(desk, Theft(plate, app.Now.AddDays(-1)))).GetProperty("id").GetGuid();
        var scrambled = plate.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();

        (await ListAsync(desk, "status=Open&registration=" + Uri.EscapeDataString(scrambled))).ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(id);
        (await ListAsync(desk, "status=Recovered&registration=" + Uri.EscapeDataString(plate))).ShouldBeEmpty();

        var outsider = await app.SignInWithNextCodeAsync("frontdesk2");
        (await ListAsync(outsider, "registration=" + Uri.EscapeDataString(plate))).ShouldBeEmpty();
        (await outsider.GetAsync($"/api/v1/stolen-vehicles/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var recovery = await outsider.PostAsJsonAsync($"/api/v1/stolen-vehicles/{id}/recovery", new { place = "Test Road", recoveredAt = app.Now }, Ct);
        recovery.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var elsewhere = await outsider.PostAsJsonAsync("/api/v1/stolen-vehicles", Theft(NewPlate(), app.Now, unit: StationOf("frontdesk")), Ct);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await elsewhere.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unit");
        (await (await desk.GetAsync($"/api/v1/stolen-vehicles/{id}", Ct)).ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("Open");
    }

    [Fact]
    public async Task BadInput_NamesEveryField_AndWritesNothing()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var before = await app.WithDbAsync(db => db.Set<StolenVehicle>().IgnoreQueryFilters().CountAsync(Ct));

        var response = await desk.PostAsJsonAsync("/api/v1/stolen-vehicles",
            new { registrationNumber = "??", make = "", loss = "Lost", lostPlace = "Test Road", lostAt = app.Now.AddDays(2) }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["registrationNumber", "make", "loss", "lostAt"], ignoreOrder: true);
        (await desk.GetAsync("/api/v1/stolen-vehicles?status=Stolen", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Set<StolenVehicle>().IgnoreQueryFilters().CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task AStolenVehicle_NamedAtCheckInInAnotherDistrict_RaisesExactlyOneAlert_AtTheHotelsStation()
    {
        // Stolen in the first district, driven to a hotel in the second: the alert goes where the vehicle surfaced.
        var plate = NewPlate();
        await RecordAsync(await app.SignInWithNextCodeAsync("frontdesk"), Theft(plate, app.Now.AddDays(-2)));
        var desk2 = await app.SignInWithNextCodeAsync("frontdesk2");
        var hotel = HotelClient(app, (await RegisterHotelAsync(desk2, StationOf("frontdesk2"))).Key);
        var guestName = $"Test Driver {Guid.NewGuid().ToString("N")[..6]}";
        var guest = new { guestName, fatherName = "Test Father", nationalId = ServiceCentreFixtures.NewCnic(), room = "7", vehicleRegistration = plate.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() };
        var key = Guid.NewGuid().ToString("N");

        (await CheckInAsync(hotel, guest, key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var replay = await CheckInAsync(hotel, guest, key);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);

        var alert = (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk2"))).Where(a => a.GetProperty("personName").GetString() == guestName).ShouldHaveSingleItem();
        alert.GetProperty("source").GetString().ShouldBe("stolen-vehicle");
        alert.GetProperty("matchedOn").GetString().ShouldBe("vehicle-registration");
        alert.GetProperty("unit").GetString().ShouldBe(StationOf("frontdesk2"));
        (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"))).ShouldNotContain(a => a.GetProperty("personName").GetString() == guestName);
        var full = await (await app.SignInWithNextCodeAsync("frontdesk2")).GetAsync($"/api/v1/registration-alerts/{alert.GetProperty("id").GetGuid()}", Ct);
        (await full.ReadJsonAsync()).GetProperty("reason").GetString()!.ShouldContain(plate);
    }

    [Fact]
    public async Task AHotelsUpload_WithAVehicleColumn_RaisesOneAlertForTheStolenVehicle_AndNamesAMalformedNumberByItsLine()
    {
        // The bulk upload takes the vehicle a single check-in takes (ADR-067 left it out).
        var plate = NewPlate();
        await RecordAsync(await app.SignInWithNextCodeAsync("frontdesk"), Theft(plate, app.Now.AddDays(-1)));
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var hotel = HotelClient(app, (await RegisterHotelAsync(desk, StationOf("frontdesk"))).Key);
        var driver = $"Test Upload Driver {Guid.NewGuid().ToString("N")[..6]}";
        var walker = $"Test Upload Walker {Guid.NewGuid().ToString("N")[..6]}";

        var bad = $"guestName,nationalId,room,vehicleRegistration\n{driver},{ServiceCentreFixtures.NewCnic()},5,??\n";
        var refused = await hotel.PostAsync("/api/v1/hotel/guests/uploads", new StringContent(bad, Encoding.UTF8, "text/csv"), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("line 2: vehicleRegistration", out _).ShouldBeTrue();

        var csv = $"guestName,nationalId,room,vehicleRegistration\n{driver},{ServiceCentreFixtures.NewCnic()},5,{plate.ToLowerInvariant()}\n{walker},{ServiceCentreFixtures.NewCnic()},6,\n";
        var upload = await hotel.PostAsync("/api/v1/hotel/guests/uploads", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));

        var alerts = await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"));
        var alert = alerts.Where(a => a.GetProperty("personName").GetString() == driver).ShouldHaveSingleItem();
        alert.GetProperty("source").GetString().ShouldBe("stolen-vehicle");
        alerts.ShouldNotContain(a => a.GetProperty("personName").GetString() == walker);
    }

    [Fact]
    public async Task ATenantsVehicle_RaisesAnAlertWhileStolen_AndNoneOnceRecovered_AndAMalformedNumberIsNamed()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk2");
        var plate = NewPlate();
        var id = (await RecordAsync(desk, Theft(plate, app.Now.AddDays(-1)))).GetProperty("id").GetGuid();
        object Tenant(string name, string vehicle) => new
        {
            unit = StationOf("frontdesk2"), propertyAddress = "House 9, Test Street", landlordName = "Test Landlord", landlordPhone = "+923001234567",
            tenantName = name, tenantFatherName = "Test Father", tenantNationalId = ServiceCentreFixtures.NewCnic(), vehicleRegistration = vehicle,
        };
        var whileStolen = $"Test Tenant Driver {Guid.NewGuid().ToString("N")[..6]}";
        var afterRecovery = $"Test Tenant Driver {Guid.NewGuid().ToString("N")[..6]}";

        (await app.CreateClient().PostAsJsonAsync("/api/v1/tenants", Tenant(whileStolen, plate), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await desk.PostAsJsonAsync($"/api/v1/stolen-vehicles/{id}/recovery", new { place = "Test Road", recoveredAt = app.Now }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/tenants", Tenant(afterRecovery, plate), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var malformed = await app.CreateClient().PostAsJsonAsync("/api/v1/tenants", Tenant("Test Tenant", "12"), Ct);

        var alerts = await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk2"));
        alerts.Where(a => a.GetProperty("personName").GetString() == whileStolen).ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe("Tenant");
        alerts.ShouldNotContain(a => a.GetProperty("personName").GetString() == afterRecovery);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.ReadJsonAsync()).GetProperty("errors").TryGetProperty("vehicleRegistration", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TheDashboard_CountsVehiclesByStatus_AndRecoveries_AsTheRawRowsSay()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk2");
        var station = StationOf("frontdesk2");
        Task<long> CountAsync(string metric, string dimension) => app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.UnitCode == station && r.Period == RollupPeriod.Month && r.Metric == metric && r.Dimension == dimension).SumAsync(r => r.Count, Ct));
        var (open, recovered, snatchings) = (await CountAsync(StolenVehicleMetrics.Recorded, "Open"), await CountAsync(StolenVehicleMetrics.Recorded, "Recovered"),
            await CountAsync(StolenVehicleMetrics.Recovered, "Snatching"));

        var id = (await RecordAsync(desk, Theft(NewPlate(), app.Now.AddHours(-5)))).GetProperty("id").GetGuid();
        (await CountAsync(StolenVehicleMetrics.Recorded, "Open")).ShouldBe(open + 1);
        (await desk.PostAsJsonAsync($"/api/v1/stolen-vehicles/{id}/recovery", new { place = "Test Road", recoveredAt = app.Now }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await CountAsync(StolenVehicleMetrics.Recorded, "Open")).ShouldBe(open);
        (await CountAsync(StolenVehicleMetrics.Recorded, "Recovered")).ShouldBe(recovered + 1);
        (await CountAsync(StolenVehicleMetrics.Recovered, "Snatching")).ShouldBe(snatchings + 1);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    private string StationOf(string user) => app.DemoAccounts.Single(a => a.UserName == user).Unit;
}

public sealed class StolenVehicleTests_Sqlite(FakeClockSqliteApp app) : StolenVehicleTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class StolenVehicleTests_Postgres(FakeClockPostgresApp app) : StolenVehicleTests(app), IClassFixture<FakeClockPostgresApp>;
