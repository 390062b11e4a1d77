using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>
/// The front desk's dashboard figures equal what its raw rows say (issue 16, item 6), and a second
/// force's desk numbers and writes as its pack says. Each test runs on an app of its own, so that
/// no other test's writes move the counts.
/// </summary>
public abstract class FrontDeskDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task DashboardFigures_EqualTheRawRows_ThroughTheLifecycleAndATransfer()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider);
        var desk = await app.SignInAsync("frontdesk");
        var sho = await app.SignInAsync("sho");
        var dpo = await app.SignInAsync("dpo");
        var resolvedPhone = NewPhone();
        var resolved = await FileAsync(desk, Complaint(resolvedPhone));
        var filed = await FileAsync(app.CreateClient(), Complaint(NewPhone(), category: "fraud"));
        var routed = await FileAsync(app.CreateClient(), Complaint(NewPhone(), unit: "LHR"));
        foreach (var reference in new[] { resolved, filed })
        {
            await OkAsync(await AssignAsync(sho, reference, officer: "sho"));
            await OkAsync(await sho.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct));
        }

        await OkAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{resolved}/disposal", new { outcome = "Resolved" }, Ct));
        await OkAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{filed}/disposal", new { outcome = "Filed", note = "No cognizable offence." }, Ct));
        await OkAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/complaints/{resolved}/rating", new { phone = resolvedPhone, rating = 5 }, Ct));
        await OkAsync(await dpo.PostAsJsonAsync($"/api/v1/complaints/{routed}/transfers", new { toUnit = "LHR-PS02", reason = "Its area." }, Ct));
        foreach (var purpose in new[] { "complaint", "complaint", "fir-copy" })
        {
            (await desk.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits", new { name = "Test Visitor", purpose }, Ct)).EnsureSuccessStatusCode();
        }

        var station = await SummaryAsync(dpo, "LHR-PS01");
        station.GetProperty(StationComplaintMetrics.Received).GetDouble().ShouldBe(2);
        station.GetProperty(StationComplaintMetrics.Disposed).GetDouble().ShouldBe(2);
        station.GetProperty(StationComplaintMetrics.DeadlineKept).GetDouble().ShouldBe(100);
        station.GetProperty(StationComplaintMetrics.Satisfied).GetDouble().ShouldBe(100);
        station.GetProperty(StationVisitMetrics.Visitors).GetDouble().ShouldBe(3);
        // The routed complaint counts where it is now, not at the district's cell that received it.
        (await SummaryAsync(dpo, "LHR-PS02")).GetProperty(StationComplaintMetrics.Received).GetDouble().ShouldBe(1);
        (await SummaryAsync(dpo, "LHR")).GetProperty(StationComplaintMetrics.Received).GetDouble().ShouldBe(3);

        var today = Today(app);
        var outcomes = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?unit=LHR-PS01&from={today}&to={today}&metric={StationComplaintMetrics.Outcomes}&dimension=Filed", Ct);
        outcomes.GetProperty("totalCount").GetInt32().ShouldBe(1);
        outcomes.GetProperty("items")[0].GetProperty("reference").GetString().ShouldBe(filed);

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rwanda_NumbersItsComplaintsAndWritesToTheComplainantAsItsPackSays()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var sector = app.Demo("frontdesk").Unit;
        var phone = "+25078" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var complaint = new
        {
            unit = sector,
            category = "gender-based-violence",
            description = "A generated test complaint.",
            incidentAt = DateTimeOffset.UtcNow.AddHours(-2),
            complainant = new { name = "Test Complainant", phone, nationalId = "1 1990 8 0012345 0 12" },
            language = "rw",
        };

        var reference = await FileAsync(app.CreateClient(), complaint);

        reference.ShouldStartWith("IKR-");
        (await SmsToAsync(app, phone)).ShouldHaveSingleItem().ShouldContain("ikirego cyawe " + reference);
        // A category of another force's pack is not one of this force's.
        (await FieldOfAsync(await PostAsync(app.CreateClient(), Complaint(phone, unit: sector, category: "snatching")), 400)).ShouldBe("category");
    }

    private static async Task<JsonElement> SummaryAsync(HttpClient client, string unit) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={unit}", Ct)).GetProperty("metrics");

    private static string Today(Infrastructure.NigehbanApp app) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, app.Services.GetRequiredService<Nigehban.Web.Platform.Forces.ForcePack>().TimeZone).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class FrontDeskDashboardTests_Sqlite : FrontDeskDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class FrontDeskDashboardTests_Postgres : FrontDeskDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
