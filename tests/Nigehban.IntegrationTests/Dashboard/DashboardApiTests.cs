using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Shouldly;

namespace Nigehban.IntegrationTests.Dashboard;

public abstract class DashboardApiTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summary_Returns404_ForAnotherDistrict_And200_ForTheDposOwn()
    {
        var dpo = await app.SignInAsync("dpo");
        var own = app.Demo("dpo").Unit;
        var other = app.Demo("dpo2").Unit;
        own.ShouldNotBe(other);

        (await dpo.GetAsync($"/api/v1/dashboard/summary?unit={other}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await dpo.GetAsync($"/api/v1/dashboard/series?unit={other}&interval=week", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await dpo.GetAsync($"/api/v1/dashboard/records?unit={other}&metric=service_requests_received", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await dpo.GetAsync("/api/v1/dashboard/summary?unit=NO-SUCH-UNIT", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await dpo.GetAsync($"/api/v1/dashboard/summary?unit={own}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A station officer sees the station, not the district above it.
        var sho = await app.SignInAsync("sho");
        (await sho.GetAsync($"/api/v1/dashboard/summary?unit={own}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // No dashboard permission at all: forbidden.
        var desk = await app.SignInAsync("frontdesk");
        (await desk.GetAsync($"/api/v1/dashboard/summary?unit={own}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Summary_HasTheContractShape_AndCountsANewApplication()
    {
        var station = app.Demo("frontdesk").Unit;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ig = await app.SignInAsync("ig");
        var url = $"/api/v1/dashboard/summary?unit={station}&from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var before = await ig.GetFromJsonAsync<JsonElement>(url, Ct);

        var alerts = new List<DashboardAlert>();
        using var subscription = app.Services.GetRequiredService<DashboardSignals>().Subscribe(a =>
        {
            lock (alerts)
            {
                alerts.Add(a);
            }

            return Task.CompletedTask;
        });
        var submitted = await ServiceCentreFixtures.SubmitAsync(app.CreateClient(), ServiceCentreFixtures.Application(ServiceCentreFixtures.NewCnic(), unit: station));
        var reference = submitted.GetProperty("reference").GetString();

        var after = await ig.GetFromJsonAsync<JsonElement>(url, Ct);
        after.GetProperty("unit").GetString().ShouldBe(station);
        after.GetProperty("from").GetString().ShouldBe($"{today.AddDays(-3):yyyy-MM-dd}");
        after.GetProperty("to").GetString().ShouldBe($"{today.AddDays(1):yyyy-MM-dd}");
        after.GetProperty("children").ValueKind.ShouldBe(JsonValueKind.Array);
        var metrics = after.GetProperty("metrics");
        foreach (var metric in MetricCatalog.All)
        {
            metrics.TryGetProperty(metric.Key, out _).ShouldBeTrue(metric.Key);
        }

        metrics.GetProperty("service_requests_received").GetDouble()
            .ShouldBe(before.GetProperty("metrics").GetProperty("service_requests_received").GetDouble() + 1);

        var alerted = await Audit.Eventually.ValueAsync(() =>
        {
            lock (alerts)
            {
                return Task.FromResult(alerts.Any(a => a.Metric == "service_requests_received" && a.Reference == reference && a.UnitCode == station));
            }
        }, found => found);
        alerted.ShouldBeTrue();

        var district = await ig.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={app.Demo("dpo").Unit}", Ct);
        var children = district.GetProperty("children").EnumerateArray().ToList();
        children.ShouldNotBeEmpty();
        foreach (var child in children)
        {
            child.GetProperty("unit").GetString().ShouldNotBeNullOrEmpty();
            child.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
            child.GetProperty("metrics").GetProperty("service_requests_received").ValueKind.ShouldBe(JsonValueKind.Number);
        }

        var series = await ig.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/series?unit={station}&from={today.AddDays(-13):yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=week", Ct);
        series.GetProperty("points").GetArrayLength().ShouldBeInRange(2, 3);

        var catalog = await ig.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/metrics", Ct);
        catalog.EnumerateArray().Select(m => m.GetProperty("key").GetString()).ShouldBe(MetricCatalog.All.Select(m => m.Key));
    }

    [Theory]
    [InlineData("from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("from=10-03-2026&to=2026-03-01", "from")]
    [InlineData("from=2026-03-01&to=2026-13-01", "to")]
    [InlineData("from=2000-01-01&to=2026-03-01", "from")]
    public async Task Summary_Returns400NamingTheField_WhenDatesAreBad(string query, string field)
    {
        var ig = await app.SignInAsync("ig");
        var response = await ig.GetAsync($"/api/v1/dashboard/summary?unit={app.Demo("dpo").Unit}&{query}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe(field);
    }

    [Theory]
    [InlineData("metric=no_such_metric", "metric")]
    [InlineData("metric=watchlist_hits", "metric")] // small cells suppressed: no list that would undo it
    [InlineData("metric=tokens_issued", "metric")] // tokens have no record pages
    [InlineData("metric=service_requests_received&pageSize=500", "pageSize")]
    [InlineData("metric=service_requests_received&page=0", "page")]
    [InlineData("", "metric")]
    public async Task Records_Returns400NamingTheField_WhenTheListCannotBeGiven(string query, string field)
    {
        var ig = await app.SignInAsync("ig");
        var response = await ig.GetAsync($"/api/v1/dashboard/records?unit={app.Demo("dpo").Unit}&{query}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task Records_ListANewApplication_WithItsConsolePage_AndPageThroughTheRest()
    {
        var station = app.Demo("frontdesk").Unit;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ig = await app.SignInAsync("ig");
        var submitted = await ServiceCentreFixtures.SubmitAsync(app.CreateClient(), ServiceCentreFixtures.Application(ServiceCentreFixtures.NewCnic(), unit: station));
        var reference = submitted.GetProperty("reference").GetString()!;

        var range = $"unit={station}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var summary = await ig.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?{range}", Ct);
        var records = await ig.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?{range}&metric=service_requests_received&pageSize=100", Ct);
        records.GetProperty("totalCount").GetInt32().ShouldBe((int)summary.GetProperty("metrics").GetProperty("service_requests_received").GetDouble());
        var item = records.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("reference").GetString() == reference);
        item.GetProperty("unit").GetString().ShouldBe(station);
        item.GetProperty("status").GetString().ShouldBe("Submitted");
        item.GetProperty("page").GetString().ShouldBe($"/console/applications/{reference}");

        // Pages of one cover the same records as one page of all, newest first.
        var total = records.GetProperty("totalCount").GetInt32();
        var paged = new List<string>();
        for (var page = 1; page <= Math.Min(total, 3); page++)
        {
            var one = await ig.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?{range}&metric=service_requests_received&pageSize=1&page={page}", Ct);
            paged.Add(one.GetProperty("items").EnumerateArray().Single().GetProperty("reference").GetString()!);
        }

        paged.ShouldBe(records.GetProperty("items").EnumerateArray().Take(paged.Count).Select(i => i.GetProperty("reference").GetString()!));
    }

    [Fact]
    public async Task Series_Returns400_ForAnUnknownInterval()
    {
        var ig = await app.SignInAsync("ig");
        var response = await ig.GetAsync($"/api/v1/dashboard/series?unit={app.Demo("dpo").Unit}&interval=fortnight", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("interval");
    }

    [Fact]
    public async Task MoveUnit_IsForAdministratorsOnly_AndRefusesAMoveUnderItself()
    {
        var dpo = await app.SignInAsync("dpo");
        (await dpo.PutAsJsonAsync("/api/v1/units/LHR-PS01/parent", new { parentCode = "LHR-C2" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await app.SignInAsync("admin");
        var response = await admin.PutAsJsonAsync("/api/v1/units/LHR-C1/parent", new { parentCode = "LHR-PS01" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("parentCode");
    }
}

public sealed class DashboardApiTests_Sqlite(SqliteApp app) : DashboardApiTests(app);

public sealed class DashboardApiTests_Postgres(PostgresApp app) : DashboardApiTests(app);
