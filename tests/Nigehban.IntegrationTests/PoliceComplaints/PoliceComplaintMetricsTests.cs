using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.PoliceComplaints;
using Nigehban.Web.Features.PoliceComplaints.EscalateOverdueComplaints;
using Nigehban.Web.Platform.Forces;
using Shouldly;
using static Nigehban.IntegrationTests.PoliceComplaints.PoliceComplaintFixtures;

namespace Nigehban.IntegrationTests.PoliceComplaints;

/// <summary>
/// The centre's four figures are exact under the rollup mechanism: after complaints are received,
/// closed, found false and escalated, `dashboard verify` finds no difference, and each figure equals
/// the number of records its drill-down lists. An app of its own, so no other test adds complaints.
/// </summary>
public abstract class PoliceComplaintMetricsTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CentreFigures_EqualTheirRecords_AndVerifyFindsNoDifference()
    {
        var station = app.Demo("frontdesk").Unit;
        var phone = NewPhone();
        var closed = await SubmitAsync(app, station, phone, type: "bribe-demand");
        await SubmitAsync(app, station, NewPhone(), type: "other");
        await SubmitAsync(app, station, NewPhone(), type: "illegal-detention");

        var centre = await app.SignInWithNextCodeAsync("centre");
        (await AssignAsync(centre, closed, app.Demo("sdpo").UserName)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sdpo = await app.SignInWithNextCodeAsync("sdpo");
        (await sdpo.PostAsJsonAsync($"/api/v1/police-complaints/{closed}/calls", new { note = "Called." }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sdpo.PutAsJsonAsync($"/api/v1/police-complaints/{closed}/reply", new { reply = "No such demand was made.", finding = "ProvedFalse" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostAsJsonAsync($"/api/v1/police-complaints/{closed}/satisfaction", new { phone, satisfied = true }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(9));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<EscalateOverdueComplaintsHandler>().RunAsync(500, Ct)).ShouldBe(2);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
        }

        var viewer = await app.SignInWithNextCodeAsync("centre");
        var root = app.Demo("centre").Unit;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, app.Services.GetRequiredService<ForcePack>().TimeZone).DateTime);
        var period = $"from={today.AddDays(-2):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var summary = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={root}&{period}", Ct);
        var expected = new Dictionary<string, int>
        {
            [PoliceComplaintMetrics.Received] = 3,
            [PoliceComplaintMetrics.Resolved] = 1,
            [PoliceComplaintMetrics.ProvedFalse] = 1,
            [PoliceComplaintMetrics.Overdue] = 2,
        };
        foreach (var (metric, count) in expected)
        {
            summary.GetProperty("metrics").GetProperty(metric).GetDouble().ShouldBe(count, metric);
            var records = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?unit={root}&{period}&metric={metric}&pageSize=100", Ct);
            records.GetProperty("totalCount").GetInt32().ShouldBe(count, metric);
        }

        // The station's own figures carry none of it.
        var stationSummary = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={station}&{period}", Ct);
        stationSummary.GetProperty("metrics").GetProperty(PoliceComplaintMetrics.Received).GetDouble().ShouldBe(0);
    }
}

public sealed class PoliceComplaintMetricsTests_Sqlite(FakeClockSqliteApp app) : PoliceComplaintMetricsTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class PoliceComplaintMetricsTests_Postgres(FakeClockPostgresApp app) : PoliceComplaintMetricsTests(app), IClassFixture<FakeClockPostgresApp>;
