using Nigehban.IntegrationTests.Cli;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// <c>import incidents</c> as an operator runs it, a process of its own on the Chicago pack: refused
/// rows printed by line, exit 1 while the rest go in, nothing twice on a re-run, exit 2 and nothing
/// written for a mapping naming a missing column, and <c>dashboard verify</c> agreeing afterwards.
/// </summary>
public abstract class ImportIncidentsVerbTests : IDisposable
{
    protected AppProcess App { get; } = new();

    protected ImportIncidentsVerbTests()
    {
        App.Environment["Force"] = "chicago";
        App.Environment["Demo__Seed"] = "false";
    }

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_PrintsRefusedRowsByLine_AddsNothingTwice_AndRefusesAMissingColumn()
    {
        var file = Path.Combine(App.WorkingDirectory, "incidents.csv");
        File.WriteAllText(file, "ID,Date,District,Primary Type,Arrest,Latitude,Longitude\n"
            + "V1,01/02/2016 10:00:00 AM,006,THEFT,false,41.75,-87.66\n"
            + "V2,01/02/2016 10:00:00 AM,006,JAYWALKING,false,,\n");
        var mapping = Path.Combine(AppContext.BaseDirectory, "forces", "chicago", "incidents-mapping.json");
        var badMapping = Path.Combine(App.WorkingDirectory, "bad-mapping.json");
        File.WriteAllText(badMapping, File.ReadAllText(mapping).Replace("\"unit\": \"District\"", "\"unit\": \"Police District\"", StringComparison.Ordinal));

        var first = await App.RunAsync("import", "incidents", "--file", file, "--mapping", mapping);
        var again = await App.RunAsync("import", "incidents", "--file", file, "--mapping", mapping);
        var refused = await App.RunAsync("import", "incidents", "--file", file, "--mapping", badMapping);
        var verify = await App.RunAsync("dashboard", "verify");

        first.ExitCode.ShouldBe(1, first.ToString());
        first.Output.ShouldContain("refused line 3: Primary Type: 'JAYWALKING' is not in the mapping");
        first.Output.ShouldContain("imported 1 of 2 rows (0 already imported, 1 refused)");
        again.Output.ShouldContain("imported 0 of 2 rows (1 already imported, 1 refused)");
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("no column 'Police District'");
        refused.Output.ShouldNotContain("imported");
        verify.ExitCode.ShouldBe(0, verify.ToString());
    }
}

public sealed class ImportIncidentsVerbTests_Sqlite : ImportIncidentsVerbTests;

public sealed class ImportIncidentsVerbTests_Postgres : ImportIncidentsVerbTests, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        App.Environment["Database__Provider"] = nameof(DatabaseProvider.Postgres);
        App.Environment["Database__ConnectionString"] = _connectionString;
    }

    public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(_connectionString);
}
