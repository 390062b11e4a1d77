using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Records;
using Shouldly;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>
/// Employees and domestic servants (issue 19, item 4): an employer online or a front desk registers one
/// with the station of the workplace; a wanted person raises exactly one alert there; bad input names
/// every field and writes nothing; a desk outside its jurisdiction gets 404; the dashboard counts them by kind.
/// </summary>
public abstract class EmployeeRegistrationTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StationOf(string user) => app.DemoAccounts.Single(a => a.UserName == user).Unit;

    private object Employee(string nationalId, string name, string kind = "DomesticServant", string? unit = null) => new
    {
        unit = unit ?? StationOf("frontdesk2"), kind, employerName = "Test Employer", employerPhone = "+923001234567", address = "House 11, Test Colony",
        employeeName = name, employeeFatherName = "Test Father", employeeNationalId = nationalId,
        startedOn = DateOnly.FromDateTime(app.Now.UtcDateTime).AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private Task<HttpResponseMessage> RegisterAsync(HttpClient client, object employee, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/employees") { Content = JsonContent.Create(employee) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task AWantedServant_RegisteredByTheEmployerOnline_RaisesExactlyOneAlert_AtTheWorkplacesStation()
    {
        var name = $"Test Servant Absconder {Guid.NewGuid().ToString("N")[..6]}";
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var employer = app.CreateClient();
        var key = Guid.NewGuid().ToString("N");

        var first = await RegisterAsync(employer, Employee(cnic, name), key);
        var again = await RegisterAsync(employer, Employee(cnic, name), key);
        var plain = await RegisterAsync(employer, Employee(ServiceCentreFixtures.NewCnic(), "Test Ordinary Employee", kind: "Employee"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        plain.StatusCode.ShouldBe(HttpStatusCode.Created, await plain.Content.ReadAsStringAsync(Ct));
        (await plain.ReadJsonAsync()).EnumerateObject().Select(p => p.Name).ShouldBe((await first.ReadJsonAsync()).EnumerateObject().Select(p => p.Name));
        var alert = (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk2"))).Where(a => a.GetProperty("personName").GetString() == name).ShouldHaveSingleItem();
        alert.GetProperty("kind").GetString().ShouldBe("DomesticServant");
        alert.GetProperty("unit").GetString().ShouldBe(StationOf("frontdesk2"));
        (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"))).ShouldNotContain(a => a.GetProperty("personName").GetString() == name);
    }

    [Fact]
    public async Task BadInput_NamesEveryField_WritesNothing_AndADeskOutsideItsJurisdictionGets404()
    {
        var before = await app.WithDbAsync(db => db.Set<EmployeeRegistration>().IgnoreQueryFilters().CountAsync(Ct));
        var bad = await RegisterAsync(app.CreateClient(), new
        {
            unit = "LHR", kind = "Gardener", employerName = "", employerPhone = "12", address = "Test Colony", employeeName = "Test Employee",
            employeeNationalId = "123-45", startedOn = "1900-01-01",
        });

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["unit", "kind", "employerName", "employerPhone", "employeeNationalId", "startedOn"], ignoreOrder: true);
        var outside = await RegisterAsync(await app.SignInWithNextCodeAsync("frontdesk"), Employee(ServiceCentreFixtures.NewCnic(), "Test Employee"));
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outside.ReadJsonAsync()).GetProperty("field").GetString().ShouldBe("unit");
        (await app.WithDbAsync(db => db.Set<EmployeeRegistration>().IgnoreQueryFilters().CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task TheDashboard_CountsRegistrationsByKind_AsTheRawRowsSay()
    {
        var station = StationOf("frontdesk2");
        Task<long> CountAsync(string kind) => app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.UnitCode == station && r.Period == RollupPeriod.Month && r.Metric == EmployeeRegistrationMetrics.Registered && r.Dimension == kind)
            .SumAsync(r => r.Count, Ct));
        var servants = await CountAsync("DomesticServant");

        (await RegisterAsync(await app.SignInWithNextCodeAsync("frontdesk2"), Employee(ServiceCentreFixtures.NewCnic(), "Test Counted Servant")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await CountAsync("DomesticServant")).ShouldBe(servants + 1);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }
}

public sealed class EmployeeRegistrationTests_Sqlite(FakeClockSqliteApp app) : EmployeeRegistrationTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class EmployeeRegistrationTests_Postgres(FakeClockPostgresApp app) : EmployeeRegistrationTests(app), IClassFixture<FakeClockPostgresApp>;
