using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Records;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.WantedFixtures;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>
/// Tenant registration (issue 19, item 4): a landlord online or a front desk registers a tenant with
/// the station of the property; a wanted tenant raises exactly one alert there; bad input names its
/// field; a registration after the pack's 24 hours from moving in is marked late.
/// </summary>
public abstract class TenantRegistrationTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StationOf(string user) => app.DemoAccounts.Single(a => a.UserName == user).Unit;

    private object Tenant(string nationalId, string name, string? unit = null, DateTimeOffset? movedInAt = null) => new
    {
        unit = unit ?? StationOf("frontdesk2"), propertyAddress = "House 5, Test Street", landlordName = "Test Landlord", landlordPhone = "+923001234567",
        tenantName = name, tenantFatherName = "Test Father", tenantNationalId = nationalId, movedInAt,
    };

    private Task<HttpResponseMessage> RegisterAsync(HttpClient client, object tenant, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = JsonContent.Create(tenant) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task ARegistrationSentAgainAMinuteLater_WithoutItsMovingInTime_IsAnsweredWithTheFirst()
    {
        // As for check-ins: a moving-in time left out defaults to now, and must not make a repeat a different request.
        var landlord = app.CreateClient();
        var tenant = Tenant(ServiceCentreFixtures.NewCnic(), NewName("Test Repeated Tenant"));
        var key = Guid.NewGuid().ToString("N");

        var first = await RegisterAsync(landlord, tenant, key);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await RegisterAsync(landlord, tenant, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Ct));
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
    }

    [Fact]
    public async Task AWantedTenant_RegisteredByTheLandlordOnline_RaisesExactlyOneAlert_AtThePropertysStation()
    {
        var name = NewName("Test Tenant Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var landlord = app.CreateClient();
        var key = Guid.NewGuid().ToString("N");

        var first = await RegisterAsync(landlord, Tenant(cnic, name), key);
        var again = await RegisterAsync(landlord, Tenant(cnic, name), key);
        var plain = await RegisterAsync(landlord, Tenant(ServiceCentreFixtures.NewCnic(), NewName("Test Ordinary Tenant")));

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var firstBody = await first.ReadJsonAsync();
        (await plain.ReadJsonAsync()).EnumerateObject().Select(p => p.Name).ShouldBe(firstBody.EnumerateObject().Select(p => p.Name));
        var alerts = (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk2"))).Where(a => a.GetProperty("personName").GetString() == name).ToList();
        var alert = alerts.ShouldHaveSingleItem();
        alert.GetProperty("kind").GetString().ShouldBe("Tenant");
        alert.GetProperty("unit").GetString().ShouldBe(StationOf("frontdesk2"));
        (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"))).ShouldNotContain(a => a.GetProperty("personName").GetString() == name);
    }

    [Fact]
    public async Task BadInput_NamesTheField_AndADeskOutsideItsJurisdictionGets404()
    {
        var landlord = app.CreateClient();
        var malformed = await RegisterAsync(landlord, Tenant("123-45", "Test Tenant"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.ReadJsonAsync()).GetProperty("errors").TryGetProperty("tenantNationalId", out _).ShouldBeTrue();
        var notStation = await RegisterAsync(landlord, Tenant(ServiceCentreFixtures.NewCnic(), "Test Tenant", unit: "LHR"));
        (await notStation.ReadJsonAsync()).GetProperty("errors").TryGetProperty("unit", out _).ShouldBeTrue();
        var future = await RegisterAsync(landlord, Tenant(ServiceCentreFixtures.NewCnic(), "Test Tenant", movedInAt: app.Now.AddDays(2)));
        (await future.ReadJsonAsync()).GetProperty("errors").TryGetProperty("movedInAt", out _).ShouldBeTrue();

        var outside = await RegisterAsync(await app.SignInWithNextCodeAsync("frontdesk"), Tenant(ServiceCentreFixtures.NewCnic(), "Test Tenant"));
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outside.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unit");
    }

    [Fact]
    public async Task ARegistration_AfterThePacks24HoursFromMovingIn_IsMarkedLate()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk2");
        var onTime = await (await RegisterAsync(desk, Tenant(ServiceCentreFixtures.NewCnic(), "Test Prompt Tenant", movedInAt: app.Now.AddHours(-23)))).ReadJsonAsync();
        var late = await (await RegisterAsync(desk, Tenant(ServiceCentreFixtures.NewCnic(), "Test Late Tenant", movedInAt: app.Now.AddHours(-25)))).ReadJsonAsync();
        onTime.GetProperty("registeredLate").GetBoolean().ShouldBeFalse();
        late.GetProperty("registeredLate").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task TheDashboard_CountsTenantsByChannel_AndTheLateOnes_AsTheRawRowsSay()
    {
        var station = StationOf("frontdesk2");
        Task<long> CountAsync(string metric, string dimension) => app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.UnitCode == station && r.Period == RollupPeriod.Month && r.Metric == metric && r.Dimension == dimension).SumAsync(r => r.Count, Ct));
        var (online, late) = (await CountAsync(TenantRegistrationMetrics.Registered, "Landlord"), await CountAsync(TenantRegistrationMetrics.Late, "Desk"));

        (await RegisterAsync(app.CreateClient(), Tenant(ServiceCentreFixtures.NewCnic(), "Test Counted Tenant"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RegisterAsync(await app.SignInWithNextCodeAsync("frontdesk2"), Tenant(ServiceCentreFixtures.NewCnic(), "Test Late Counted Tenant", movedInAt: app.Now.AddDays(-3))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await CountAsync(TenantRegistrationMetrics.Registered, "Landlord")).ShouldBe(online + 1);
        (await CountAsync(TenantRegistrationMetrics.Late, "Desk")).ShouldBe(late + 1);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }
}

public sealed class TenantRegistrationTests_Sqlite(FakeClockSqliteApp app) : TenantRegistrationTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class TenantRegistrationTests_Postgres(FakeClockPostgresApp app) : TenantRegistrationTests(app), IClassFixture<FakeClockPostgresApp>;
