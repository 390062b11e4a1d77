using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.Cases.WantedFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// "POs arrested" and "wanted now" under the rollups (ADR-054): equal to the raw rows at the station
/// and the district, by how the arrest came, to the records behind each number, and to a rebuild.
/// An app of its own, so that no other test moves the counts.
/// </summary>
public abstract class WantedDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task ProclaimedOffenders_WantedAndArrested_EqualTheRawRows_AndARebuild()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider);
        var desk = await app.SignInAsync("frontdesk");
        var io = await app.SignInAsync("io");
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reference = (await RegisterAsync(desk, FirWithAccused(NewPhone(), NewName("Test Absconder")))).GetProperty("reference").GetString()!;
            references.Add(reference);
            await CreatedAsync(await ProclaimAsync(io, reference, new { accusedPosition = NamedAccused, proclaimedOn = Day(Today.AddDays(-1)), court = "Test Court" }));
        }

        await CreatedAsync(await ArrestAsync(io, references[0], new { person = "Test Absconder", accusedPosition = NamedAccused }));
        await CreatedAsync(await WarrantAsync(io, references[1], new { partyPosition = NamedAccused, issuedOn = Day(Today.AddDays(-1)), court = "Test Court" }));
        await OkAsync(await ExecuteAsync(io, references[1], 1, new { executedOn = Day(Today), officer = "Test Constable" }));

        var rows = await app.WithDbAsync(db => db.Set<WantedPerson>().AsNoTracking().ToListAsync(Ct));
        rows.Count(w => w.Status == WantedStatus.Wanted).ShouldBe(1);
        rows.Count(w => w.Status == WantedStatus.Arrested).ShouldBe(2);

        var dpo = await app.SignInAsync("dpo");
        foreach (var unit in new[] { "LHR-PS01", "LHR" })
        {
            var summary = (await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={unit}", Ct)).GetProperty("metrics");
            summary.GetProperty(WantedPersonMetrics.WantedNow).GetDouble().ShouldBe(1);
            summary.GetProperty(WantedPersonMetrics.Arrested).GetDouble().ShouldBe(2);
            var through = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/breakdown?unit={unit}&metric={WantedPersonMetrics.Arrested}", Ct);
            through.EnumerateArray().ToDictionary(b => b.GetProperty("dimension").GetString()!, b => (int)b.GetProperty("value").GetDouble())
                .ShouldBe(new Dictionary<string, int> { ["arrest"] = 1, ["warrant"] = 1 }, ignoreOrder: true);

            var wantedRecords = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?unit={unit}&metric={WantedPersonMetrics.WantedNow}", Ct);
            wantedRecords.GetProperty("totalCount").GetInt32().ShouldBe(1);
            wantedRecords.GetProperty("items").EnumerateArray().Single().GetProperty("reference").GetString().ShouldBe(references[2]);
            var arrestedRecords = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?unit={unit}&metric={WantedPersonMetrics.Arrested}&dimension=warrant", Ct);
            arrestedRecords.GetProperty("items").EnumerateArray().Single().GetProperty("reference").GetString().ShouldBe(references[1]);
        }

        await using var verify = app.Services.CreateAsyncScope();
        (await verify.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }
}

public sealed class WantedDashboardTests_Sqlite : WantedDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class WantedDashboardTests_Postgres : WantedDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
