using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.WantedFixtures;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>
/// Transport terminals (issue 19, item 4; ADR-077): a station registers a terminal and hands it a key; the
/// terminal registers its travellers, one or a manifest, and reaches nothing else; a wanted traveller raises
/// exactly one alert at the terminal's station; a stolen coach one for the manifest; bad input is named.
/// </summary>
public abstract class TerminalRegistrationTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StationOf(string user) => app.DemoAccounts.Single(a => a.UserName == user).Unit;

    private sealed record RegisteredTerminal(Guid Id, string Key, string Unit);

    private static async Task<RegisteredTerminal> RegisterTerminalAsync(HttpClient officer, string unit)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/terminals",
            new { unit, name = $"Test Coach Terminal {Guid.NewGuid().ToString("N")[..6]}", address = "1 Test Bypass", phone = "+923001112244" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.ReadJsonAsync();
        return new RegisteredTerminal(body.GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!, body.GetProperty("unit").GetString()!);
    }

    private HttpClient TerminalClient(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Terminal-Key", key);
        return client;
    }

    private object Traveller(string? nationalId, string name = "Test Traveller", string? fatherName = "Test Father", string? vehicle = null) =>
        new { travellerName = name, fatherName, nationalId, phone = "+923001234000", destination = "Test City", departsAt = app.Now.AddHours(2), vehicleRegistration = vehicle };

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient terminal, object traveller, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/terminal/travellers") { Content = JsonContent.Create(traveller) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return terminal.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadJsonAsync()).GetProperty("errors");
    }

    [Fact]
    public async Task AWantedTraveller_RaisesExactlyOneAlert_AtTheStationOfTheTerminal()
    {
        // Wanted in an FIR of the first district, he buys a ticket at a terminal of another district's station.
        var name = NewName("Test Terminal Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        var fir = await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var otherDesk = await app.SignInWithNextCodeAsync("frontdesk2");
        var terminal = await RegisterTerminalAsync(otherDesk, StationOf("frontdesk2"));
        var client = TerminalClient(terminal.Key);
        var before = await AlertsAsync(otherDesk);

        var wanted = await RegisterAsync(client, Traveller(cnic, name), "ticket-1");
        var replay = await RegisterAsync(client, Traveller(cnic, name), "ticket-1");
        var clear = await RegisterAsync(client, Traveller(ServiceCentreFixtures.NewCnic(), NewName("Test Ordinary Traveller")));

        wanted.StatusCode.ShouldBe(HttpStatusCode.Created, await wanted.Content.ReadAsStringAsync(Ct));
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var wantedBody = await wanted.ReadJsonAsync();
        var registration = wantedBody.GetProperty("id").GetGuid();
        (await replay.ReadJsonAsync()).GetProperty("id").GetGuid().ShouldBe(registration);
        // The terminal learns nothing: a wanted traveller's answer has the same fields as anyone's.
        (await clear.ReadJsonAsync()).EnumerateObject().Select(p => p.Name).ShouldBe(wantedBody.EnumerateObject().Select(p => p.Name).ToList());

        var raised = (await AlertsAsync(otherDesk)).Where(a => !before.Any(b => b.GetProperty("id").GetGuid() == a.GetProperty("id").GetGuid())).ToList();
        var alert = raised.ShouldHaveSingleItem();
        alert.GetProperty("unit").GetString().ShouldBe(terminal.Unit);
        alert.GetProperty("personName").GetString().ShouldBe(name);
        alert.GetProperty("matchedOn").GetString().ShouldBe("national-id");
        (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"))).ShouldNotContain(a => a.GetProperty("personName").GetString() == name);
        var full = await (await otherDesk.GetAsync($"/api/v1/registration-alerts/{alert.GetProperty("id").GetGuid()}", Ct)).ReadJsonAsync();
        full.GetProperty("reason").GetString()!.ShouldContain(fir);
        full.GetProperty("registrationId").GetGuid().ShouldBe(registration);
        full.GetProperty("kind").GetString().ShouldBe("TerminalTraveller");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Nigehban.Web.Platform.Data.NigehbanDbContext>();
        (await db.Set<RegistrationAlert>().IgnoreQueryFilters().CountAsync(a => a.RegistrationId == registration, Ct)).ShouldBe(1);
        var messages = await db.Set<OutboxMessage>().Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(alert.GetProperty("id").GetGuid().ToString())).ToListAsync(Ct);
        messages.ShouldHaveSingleItem().Recipient.ShouldBe($"unit:{terminal.Unit}:in-charge");
    }

    [Fact]
    public async Task ATerminalKey_RegistersOnlyForItsTerminal_AndReadsNothing()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var first = await RegisterTerminalAsync(desk, StationOf("frontdesk"));
        var second = TerminalClient((await RegisterTerminalAsync(desk, StationOf("frontdesk"))).Key);
        var name = NewName("Test First Terminal Traveller");
        var registered = await (await RegisterAsync(TerminalClient(first.Key), Traveller(ServiceCentreFixtures.NewCnic(), name))).ReadJsonAsync();
        var id = registered.GetProperty("id").GetGuid();
        var stored = await app.WithDbAsync(db => db.Set<TravellerRegistration>().IgnoreQueryFilters().SingleAsync(t => t.Id == id, Ct));
        stored.TerminalId.ShouldBe(first.Id);
        stored.UnitCode.ShouldBe(first.Unit);

        var theirs = await (await second.GetAsync("/api/v1/terminal/travellers?pageSize=100", Ct)).ReadJsonAsync();
        theirs.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == id);
        foreach (var path in new[] { "/api/v1/registration-alerts", "/api/v1/terminals", "/api/v1/hotels", "/api/v1/hotel/guests", "/api/v1/persons?purpose=verification&name=Test", "/api/v1/wanted-persons" })
        {
            // A terminal's key is no staff session and no hotel's key: elsewhere the caller has not signed in.
            (await second.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }

        (await second.PostAsJsonAsync("/api/v1/terminals", new { unit = StationOf("frontdesk"), name = "Test Own", address = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RegisterAsync(desk, Traveller(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // staff are not a terminal
        var hotel = await RegisterHotelAsync(desk, StationOf("frontdesk"));
        (await RegisterAsync(TerminalClient(hotel.Key), Traveller(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CheckInAsync(HotelClient(app, first.Key), Guest(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unknown = await RegisterAsync(TerminalClient("trm_" + new string('A', 32)), Traveller(ServiceCentreFixtures.NewCnic()));
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var reissued = await desk.PostAsync($"/api/v1/terminals/{first.Id}/keys", null, Ct);
        reissued.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await reissued.Content.ReadAsStringAsync(Ct)).ShouldNotContain(first.Key);
        (await RegisterAsync(TerminalClient(first.Key), Traveller(ServiceCentreFixtures.NewCnic()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.SignInWithNextCodeAsync("frontdesk2")).GetAsync($"/api/v1/terminals/{first.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInput_IsRefusedNamingTheField_AndWritesNothing()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var terminal = await RegisterTerminalAsync(desk, StationOf("frontdesk"));
        var client = TerminalClient(terminal.Key);

        (await ErrorsAsync(await RegisterAsync(client, Traveller("35202-12345")))).TryGetProperty("nationalId", out _).ShouldBeTrue();
        (await ErrorsAsync(await RegisterAsync(client, Traveller(null, fatherName: null)))).TryGetProperty("nationalId", out _).ShouldBeTrue();
        var errors = await ErrorsAsync(await RegisterAsync(client, new { travellerName = "", nationalId = ServiceCentreFixtures.NewCnic(), departsAt = app.Now.AddDays(30), vehicleRegistration = "??", phone = "x" }));
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["travellerName", "phone", "destination", "departsAt", "vehicleRegistration"], ignoreOrder: true);

        var manifest = new { travellers = new[] { Traveller(ServiceCentreFixtures.NewCnic(), "Test Manifest One"), Traveller("123", "Test Manifest Two") } };
        var batch = await client.PostAsJsonAsync("/api/v1/terminal/travellers/batches", manifest, Ct);
        (await ErrorsAsync(batch)).TryGetProperty("travellers[1].nationalId", out _).ShouldBeTrue();
        (await ErrorsAsync(await client.PostAsJsonAsync("/api/v1/terminal/travellers/batches", new { travellers = Array.Empty<object>() }, Ct)))
            .TryGetProperty("travellers", out _).ShouldBeTrue();
        (await (await client.GetAsync("/api/v1/terminal/travellers", Ct)).ReadJsonAsync()).GetProperty("totalCount").GetInt32().ShouldBe(0, "nothing partial");

        (await ErrorsAsync(await desk.PostAsJsonAsync("/api/v1/terminals", new { unit = "NOWHERE", name = "", address = "x" }, Ct)))
            .EnumerateObject().Select(e => e.Name).ShouldBe(["unit", "name"], ignoreOrder: true);
        var outside = await (await app.SignInWithNextCodeAsync("frontdesk2")).PostAsJsonAsync("/api/v1/terminals",
            new { unit = StationOf("frontdesk"), name = "Test Elsewhere", address = "x" }, Ct);
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outside.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unit");
    }

    [Fact]
    public async Task AManifest_RegistersEveryTraveller_MatchesEach_AndAStolenCoachOnce_AndIsCounted()
    {
        var name = NewName("Test Manifest Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var coach = StolenVehicleTests.NewPlate();
        await StolenVehicleTests.RecordAsync(desk, StolenVehicleTests.Theft(coach, app.Now.AddDays(-3)));
        var station = StationOf("frontdesk");
        var client = TerminalClient((await RegisterTerminalAsync(desk, station)).Key);
        Task<long> CountAsync(string dimension) => app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.UnitCode == station && r.Period == RollupPeriod.Month && r.Metric == HotelStayMetrics.Registrations && r.Dimension == dimension).SumAsync(r => r.Count, Ct));
        var (travellersBefore, allBefore) = (await CountAsync(TravellerRegistrationMetrics.TerminalTravellerKind), await CountAsync(""));
        var alertsBefore = (await AlertsAsync(desk)).Select(a => a.GetProperty("id").GetGuid()).ToHashSet();

        var manifest = new
        {
            travellers = new[]
            {
                Traveller(cnic, name, vehicle: coach), Traveller(ServiceCentreFixtures.NewCnic(), NewName("Test Manifest Passenger"), vehicle: coach),
                Traveller(null, NewName("Test Manifest Child"), "Test Parent", vehicle: coach),
            },
        };
        var first = await SendManifestAsync(client, manifest, "manifest-1");
        var again = await SendManifestAsync(client, manifest, "manifest-1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        var firstBody = await first.ReadJsonAsync();
        firstBody.GetProperty("registered").GetInt32().ShouldBe(3);
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Ct));
        var firstIds = firstBody.GetProperty("travellers").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        (await again.ReadJsonAsync()).GetProperty("travellers").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe(firstIds);

        var raised = (await AlertsAsync(desk)).Where(a => !alertsBefore.Contains(a.GetProperty("id").GetGuid())).ToList();
        raised.Count(a => a.GetProperty("source").GetString() == "stolen-vehicle").ShouldBe(1, "one coach, one alert");
        raised.Where(a => a.GetProperty("source").GetString() == "proclaimed-offender").ShouldHaveSingleItem().GetProperty("personName").GetString().ShouldBe(name);
        raised.Count.ShouldBe(2);

        (await CountAsync(TravellerRegistrationMetrics.TerminalTravellerKind)).ShouldBe(travellersBefore + 3);
        (await CountAsync("")).ShouldBe(allBefore + 3);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheDemoTerminal_IsOnTheFirstStationsBooks_WithItsKeyInTheDataFolder()
    {
        var terminal = await app.WithDbAsync(db => db.Set<TransportTerminal>().IgnoreQueryFilters().SingleAsync(t => t.Name == SeedDemoTerminal.TerminalName, Ct));
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, SeedDemoTerminal.KeyFile), Ct));
        file.RootElement.GetProperty("terminal").GetGuid().ShouldBe(terminal.Id);
        var response = await RegisterAsync(TerminalClient(file.RootElement.GetProperty("apiKey").GetString()!), Traveller(ServiceCentreFixtures.NewCnic(), NewName("Test Demo Traveller")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Task<HttpResponseMessage> SendManifestAsync(HttpClient terminal, object manifest, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/terminal/travellers/batches") { Content = JsonContent.Create(manifest) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return terminal.SendAsync(request, Ct);
    }
}

public sealed class TerminalRegistrationTests_Sqlite(FakeClockSqliteApp app) : TerminalRegistrationTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class TerminalRegistrationTests_Postgres(FakeClockPostgresApp app) : TerminalRegistrationTests(app), IClassFixture<FakeClockPostgresApp>;
