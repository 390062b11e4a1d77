using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Cli;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.Dashboard;

/// <summary>
/// Issue 13 item 3: run as verbs, <c>dashboard verify</c> and <c>dashboard rebuild</c> must count
/// what the server counts, district rows included (they need the unit tree the server loads at
/// start). A fresh instance with one application, stopped; the verbs as separate processes on its
/// data; the district's rows compared before and after.
/// </summary>
public abstract class DashboardVerbsOnAStoppedInstanceTests<TApp> : IAsyncLifetime where TApp : NigehbanApp, new()
{
    private readonly TApp _app = new();

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task VerifyAndRebuild_KeepTheDistrictRows_TheServerWrote()
    {
        var district = _app.Demo("dpo").Unit;
        var station = _app.Demo("frontdesk").Unit;
        await SubmitAsync(_app.CreateClient(), Application(NewCnic(), unit: station));
        var dpo = await _app.SignInAsync("dpo");
        var summary = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={district}", TestContext.Current.CancellationToken);
        summary.GetProperty("metrics").GetProperty("service_requests_received").GetDouble().ShouldBe(1);
        await _app.StopAsync();
        var districtRows = $"SELECT period, period_start, metric, dimension, count, measure FROM dashboard_rollups WHERE unit_code = '{district}' ORDER BY 1, 2, 3, 4";
        var before = await StoppedInstance.RowsAsync(_app, districtRows);
        before.ShouldContain(r => r.Contains("|service_requests_received||1|", StringComparison.Ordinal));

        using var verbs = StoppedInstance.VerbsOn(_app);
        var verify = await verbs.RunAsync("dashboard", "verify");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Output.ShouldContain("dashboard rollups match the records");

        var rebuild = await verbs.RunAsync("dashboard", "rebuild");
        rebuild.ExitCode.ShouldBe(0, rebuild.ToString());
        (await StoppedInstance.RowsAsync(_app, districtRows)).ShouldBe(before);

        var again = await verbs.RunAsync("dashboard", "verify");
        again.ExitCode.ShouldBe(0, again.ToString());
    }
}

public sealed class DashboardVerbsOnAStoppedInstanceTests_Sqlite : DashboardVerbsOnAStoppedInstanceTests<SqliteApp>;

public sealed class DashboardVerbsOnAStoppedInstanceTests_Postgres : DashboardVerbsOnAStoppedInstanceTests<PostgresApp>;
