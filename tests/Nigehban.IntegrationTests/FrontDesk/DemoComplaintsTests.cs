using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Cli;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Features.FrontDesk.SeedDemoComplaints;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>
/// A new demo instance starts with invented front-desk work (ADR-041): complaints in every stage, disposed
/// and rated ones, overdue ones already escalated, visitors, the demo officers' lists and boards not
/// empty, the dashboard's station figures above zero and exact, as `dashboard verify` finds.
/// </summary>
public abstract class DemoComplaintsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task FreshDemoStart_HasComplaintsInEveryStage_OnTheBoards_AndOnTheDashboard_Exactly()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "punjab", (SeedDemoComplaints.Setting, "true"));

        await app.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var stages = await db.Set<StationComplaint>().Select(c => c.Status).Distinct().ToListAsync(Ct);
            stages.ShouldBe(Enum.GetValues<ComplaintStatus>(), ignoreOrder: true);
            (await db.Set<StationComplaint>().CountAsync(c => c.Rating != null, Ct)).ShouldBeGreaterThan(0, "rated");
            (await db.Set<StationComplaint>().CountAsync(c => c.FirstBreachedAt != null && c.Status == ComplaintStatus.Disposed, Ct)).ShouldBeGreaterThan(0, "disposed late");
            (await db.Set<StationComplaint>().CountAsync(c => c.Status != ComplaintStatus.Disposed && c.StageDueAt < now, Ct)).ShouldBeGreaterThan(0, "overdue now");
            (await db.Set<StationComplaint>().CountAsync(c => c.Status != ComplaintStatus.Disposed && c.NextEscalationAt < now, Ct)).ShouldBe(0, "the escalation job has nothing left over from the past");
            (await db.Set<StationComplaint>().AllAsync(c => c.Complainant.Name.StartsWith("Demo ") && c.Complainant.Phone.StartsWith("+999"), Ct)).ShouldBeTrue();
            (await db.Set<StationVisit>().CountAsync(Ct)).ShouldBeGreaterThan(0);
        });

        var sho = await app.SignInAsync("sho");
        var open = await sho.GetFromJsonAsync<JsonElement>("/api/v1/complaints?pageSize=100", Ct);
        open.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
        var io = await app.SignInAsync("io");
        var mine = await io.GetFromJsonAsync<JsonElement>("/api/v1/complaints?mine=true", Ct);
        mine.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);

        var district = app.Demo("dpo").Unit;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var dpo = await app.SignInAsync("dpo");
        var summary = (await dpo.GetFromJsonAsync<JsonElement>(
            $"/api/v1/dashboard/summary?unit={district}&from={today.AddDays(-DemoComplaintPlan.Days - 1):yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct)).GetProperty("metrics");
        foreach (var metric in new[] { StationComplaintMetrics.Received, StationComplaintMetrics.Disposed, StationComplaintMetrics.Overdue, StationComplaintMetrics.Satisfied, StationVisitMetrics.Visitors })
        {
            (summary.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0).ShouldBeGreaterThan(0, metric);
        }

        await app.StopAsync();
        using var verbs = StoppedInstance.VerbsOn(app);
        var verify = await verbs.RunAsync("dashboard", "verify");
        verify.ExitCode.ShouldBe(0, verify.ToString());
    }
}

public sealed class DemoComplaintsTests_Sqlite : DemoComplaintsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class DemoComplaintsTests_Postgres : DemoComplaintsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
