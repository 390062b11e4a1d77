using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Cases.EscalateOverdueStages;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// Investigation metrics (issue 17, items 2 and 5): arrests, recoveries by kind, detection %, challan
/// within deadline %, overdue stages — equal to what the raw rows say at the station and the district,
/// and to a rebuild. An app of its own, so that no other test moves the counts.
/// </summary>
public abstract class InvestigationDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task InvestigationMetrics_EqualTheRawRows_AtStationAndDistrict_AndARebuild()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider);
        var desk = await app.SignInAsync("frontdesk");
        var io = await app.SignInAsync("io");
        var references = new List<string>();
        foreach (var offences in new[] { new[] { "PPC 392" }, ["PPC 379"], ["CNSA 9(c)"], ["PPC 302"] })
        {
            references.Add((await RegisterAsync(desk, Fir(NewPhone(), offences: offences))).GetProperty("reference").GetString()!);
        }

        await CreatedAsync(await ArrestAsync(io, references[0], new { person = "Test Accused One" }));
        await CreatedAsync(await ArrestAsync(io, references[0], new { person = "Test Accused Two" }));
        await CreatedAsync(await RecoveryAsync(io, references[0], new { kind = "property", description = "A phone" }));
        await CreatedAsync(await RecoveryAsync(io, references[2], new { kind = "narcotics", description = "Heroin", quantity = 120m, unit = "g" }));
        await OkAsync(await StageAsync(io, references[0], "challanSubmitted"));
        await OkAsync(await StageAsync(io, references[1], "cancelled", "The report was false"));
        await OkAsync(await StageAsync(io, references[2], "untraced"));

        // The fourth case's deadline passes (moved in the database, as time would), and the sweep escalates it.
        await app.WithDbAsync(db => db.Set<Fir>().Where(f => f.Reference == references[3])
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.NextEscalationAt, DateTimeOffset.UtcNow.AddMinutes(-1)).SetProperty(f => f.StageDueAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<EscalateOverdueStagesHandler>().RunAsync(500, Ct)).ShouldBe(1);
        }

        var firs = await app.WithDbAsync(db => db.Set<Fir>().AsNoTracking().ToListAsync(Ct));
        var counted = firs.Where(f => f.Status != FirStatus.Cancelled).ToList();
        var expected = new Dictionary<string, double>
        {
            [FirArrestMetrics.Arrests] = await app.WithDbAsync(db => db.Set<FirArrest>().CountAsync(Ct)),
            [FirRecoveryMetrics.Recoveries] = await app.WithDbAsync(db => db.Set<FirRecovery>().CountAsync(Ct)),
            [FirMetrics.Detection] = 100.0 * counted.Count(f => FirStages.IsTraced(f.Status)) / counted.Count,
            [FirMetrics.ChallanInTime] = 100.0 * firs.Count(f => f.ChallanInTime == true) / firs.Count(f => f.ChallanSubmittedAt != null),
            [FirMetrics.Overdue] = firs.Count(f => f.FirstBreachedAt != null),
        };
        expected.ShouldBe(new Dictionary<string, double>
        {
            [FirArrestMetrics.Arrests] = 2, [FirRecoveryMetrics.Recoveries] = 2, [FirMetrics.Detection] = 100.0 / 3, [FirMetrics.ChallanInTime] = 100, [FirMetrics.Overdue] = 1,
        });

        var dpo = await app.SignInAsync("dpo");
        foreach (var unit in new[] { "LHR-PS01", "LHR" })
        {
            var summary = (await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={unit}", Ct)).GetProperty("metrics");
            foreach (var (metric, value) in expected)
            {
                summary.GetProperty(metric).GetDouble().ShouldBe(Math.Round(value, 2), 0.0001, metric); // the summary shows two decimals
            }

            var kinds = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/breakdown?unit={unit}&metric={FirRecoveryMetrics.Recoveries}", Ct);
            kinds.EnumerateArray().ToDictionary(b => b.GetProperty("dimension").GetString()!, b => (int)b.GetProperty("value").GetDouble())
                .ShouldBe(new Dictionary<string, int> { ["property"] = 1, ["narcotics"] = 1 }, ignoreOrder: true);
        }

        await using var verify = app.Services.CreateAsyncScope();
        (await verify.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rwanda_AnArrestIsDueInCourtByItsOwnPacksCustodyLimit()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var sector = app.Demo("frontdesk").Unit;
        var phone = "+25078" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var reference = (await RegisterAsync(await app.SignInAsync("frontdesk"), Fir(phone, unit: sector, offences: ["L68/2018 art. 168"])))
            .GetProperty("reference").GetString()!;
        var custody = DateTimeOffset.UtcNow.AddHours(-1);

        var arrest = await CreatedAsync(await ArrestAsync(await app.SignInAsync("io"), reference, new { person = "Test Accused", custodyStartedAt = custody }));

        (arrest.GetProperty("produceBy").GetDateTimeOffset() - arrest.GetProperty("custodyStartedAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromHours(120));
    }
}

public sealed class InvestigationDashboardTests_Sqlite : InvestigationDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class InvestigationDashboardTests_Postgres : InvestigationDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
