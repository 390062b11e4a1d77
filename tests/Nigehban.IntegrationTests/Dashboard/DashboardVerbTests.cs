using Microsoft.Data.Sqlite;
using Nigehban.IntegrationTests.Cli;
using Shouldly;

namespace Nigehban.IntegrationTests.Dashboard;

/// <summary>
/// The verbs as an operator runs them. The recount itself is checked on both providers by the
/// exactness test; this one checks the wiring: output, and the exit code scripts rely on.
/// </summary>
public sealed class DashboardVerbTests : IDisposable
{
    private readonly AppProcess _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Verify_Exits1AndPrintsTheRow_WhenARollupIsWrong_AndRebuildRepairsIt()
    {
        (await _app.RunAsync("seed", "--demo")).ExitCode.ShouldBe(0);
        var clean = await _app.RunAsync("dashboard", "verify");
        clean.ExitCode.ShouldBe(0, clean.ToString());

        await using (var connection = new SqliteConnection($"Data Source={_app.DataPath("nigehban.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO dashboard_rollups (unit_code, period, period_start, metric, dimension, count, measure) VALUES ('LHR', 0, '2026-01-05', 'tokens_issued', '', 3, 0)";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var broken = await _app.RunAsync("dashboard", "verify");
        broken.ExitCode.ShouldBe(1, broken.ToString());
        broken.Output.ShouldContain("tokens_issued LHR day 2026-01-05");

        var rebuild = await _app.RunAsync("dashboard", "rebuild");
        rebuild.ExitCode.ShouldBe(0, rebuild.ToString());
        rebuild.Output.ShouldContain("rebuilt:");
        (await _app.RunAsync("dashboard", "verify")).ExitCode.ShouldBe(0);
    }
}
