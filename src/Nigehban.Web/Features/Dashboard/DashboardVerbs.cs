using Nigehban.Web.Platform.Cli;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// <c>dashboard rebuild</c>: recounts every rollup from the raw records. Runs after the start-up
/// steps, so the unit tree (and with it every district row) is what the server would count with.
/// </summary>
internal sealed class RebuildDashboardVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["dashboard", "rebuild"];

    public override string Description => "recount every dashboard rollup from the raw records (after bulk loads)";

    public override async Task<int> RunAsync(VerbRun run)
    {
        var result = await run.Services.GetRequiredService<RebuildDashboard>().RebuildAsync(run.CancellationToken);
        Console.WriteLine($"rebuilt: {result.Records} records counted into {result.Rows} rollup rows");
        return 0;
    }
}

/// <summary><c>dashboard verify</c>: recounts and compares; exit 1 when any row differs.</summary>
internal sealed class VerifyDashboardVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["dashboard", "verify"];

    public override string Description => "recount and compare: prints each differing rollup row, exits 1 if any";

    public override async Task<int> RunAsync(VerbRun run)
    {
        var differences = await run.Services.GetRequiredService<RebuildDashboard>().VerifyAsync(run.CancellationToken);
        foreach (var difference in differences)
        {
            Console.WriteLine($"differs: {difference}");
        }

        Console.WriteLine(differences.Count == 0 ? "dashboard rollups match the records" : $"{differences.Count} rollup rows differ from the records; run 'dashboard rebuild'");
        return differences.Count == 0 ? 0 : 1;
    }
}
