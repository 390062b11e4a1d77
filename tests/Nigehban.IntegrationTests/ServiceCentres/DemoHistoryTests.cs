using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Cli;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.ServiceCentres.SeedDemoHistory;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// A new instance in demo mode starts with a year of invented history (ADR-038): the dashboard and
/// the public service-delivery page show figures at once, every state of an application is there,
/// and the rollups are exact over it, as `dashboard verify` finds.
/// </summary>
public abstract partial class DemoHistoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    protected virtual string Force => "punjab";

    [Fact]
    public async Task FreshDemoStart_ShowsAYearOnTheDashboard_AndThePublicPage_AndVerifyFindsItExact()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, Force, (SeedDemoHistory.Setting, "true"));
        var district = app.Demo("dpo").Unit;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = $"from={today.AddDays(-SeedDemoHistory.Days):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var dpo = await app.SignInAsync("dpo");

        var series = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/series?unit={district}&{period}&interval=month", Ct);
        var busyMonths = series.GetProperty("points").EnumerateArray()
            .Count(p => Number(p.GetProperty("metrics"), ServiceRequestMetrics.Received) > 0);
        busyMonths.ShouldBeGreaterThanOrEqualTo(10, series.ToString());

        var summary = (await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={district}&{period}", Ct)).GetProperty("metrics");
        foreach (var metric in new[] { ServiceRequestMetrics.Received, ServiceRequestMetrics.Delivered, ServiceRequestMetrics.Overdue, ServiceRequestMetrics.DeadlineKept, ServiceRequestMetrics.Satisfied, QueueTokenMetrics.Issued })
        {
            Number(summary, metric).ShouldBeGreaterThan(0, metric);
        }

        var records = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?unit={district}&{period}&metric={ServiceRequestMetrics.Overdue}", Ct);
        records.GetProperty("totalCount").GetInt32().ShouldBe((int)Number(summary, ServiceRequestMetrics.Overdue));

        var page = await app.CreateClient().GetStringAsync("/service-delivery", Ct);
        var received = ReceivedFigure().Match(page);
        received.Success.ShouldBeTrue(page);
        long.Parse(Regex.Replace(received.Groups[1].Value, "[^0-9]", ""), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        // Applicants rated what was delivered (ADR-044): satisfaction is a share, not the empty dash.
        var satisfied = SatisfiedFigure().Match(page);
        satisfied.Success.ShouldBeTrue(page);
        satisfied.Groups[1].Value.ShouldMatch("[0-9]");

        await app.WithDbAsync(async db =>
        {
            var states = await db.Set<ServiceRequest>().Select(r => r.Status).Distinct().ToListAsync(Ct);
            states.ShouldBe(Enum.GetValues<ServiceRequestStatus>(), ignoreOrder: true);
            (await db.Set<ServiceRequest>().AllAsync(r => r.Applicant.Name.StartsWith("Demo "), Ct)).ShouldBeTrue();
            (await db.Set<ServiceRequest>().CountAsync(r => r.BreachedAt != null && r.ClosedAt != null, Ct)).ShouldBeGreaterThan(0, "delivered late");
            (await db.Set<ServiceRequest>().CountAsync(r => r.Rating != null && r.Status != ServiceRequestStatus.Issued, Ct)).ShouldBe(0, "only delivered applications are rated");
            (await db.Set<ServiceRequest>().Where(r => r.Rating != null).Select(r => r.Rating).Distinct().CountAsync(Ct)).ShouldBe(5, "every rating from 1 to 5 occurs");
        });

        await app.StopAsync();
        using var verbs = StoppedInstance.VerbsOn(app);
        var verify = await verbs.RunAsync("dashboard", "verify");
        verify.ExitCode.ShouldBe(0, verify.ToString());
    }

    [Fact]
    public async Task NoHistory_OutsideDemoMode()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, Force, ("Demo:Seed", "false"), (SeedDemoHistory.Setting, "true"));
        (await app.WithDbAsync(db => db.Set<ServiceRequest>().CountAsync(Ct))).ShouldBe(0);
    }

    private static double Number(JsonElement metrics, string metric) =>
        metrics.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    [GeneratedRegex("id=\"figure-received\">.*?class=\"figure-value\">([^<]*)<", RegexOptions.Singleline)]
    private static partial Regex ReceivedFigure();

    [GeneratedRegex("id=\"figure-satisfied\">.*?class=\"figure-value\">([^<]*)<", RegexOptions.Singleline)]
    private static partial Regex SatisfiedFigure();
}

public sealed class DemoHistoryTests_Sqlite : DemoHistoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class DemoHistoryTests_Postgres : DemoHistoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>The same from the second force's pack: nothing in the history is one force's.</summary>
public sealed class DemoHistoryTests_RwandaSqlite : DemoHistoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string Force => "rwanda";
}
