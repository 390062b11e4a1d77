using System.CommandLine;
using Nigehban.Web.Platform.Cli;

namespace Nigehban.Web.Features.Cases.ImportIncidents;

/// <summary>
/// <c>import incidents --file F.csv --mapping M.json</c>: past incidents as closed case records.
/// Prints each refused row (line, column, reason) and a summary; exit 0 when every row is in (now
/// or from an earlier run), 1 when rows were refused (the others are in), 2 when the mapping or file
/// is refused and nothing was written.
/// </summary>
internal sealed class ImportIncidentsVerb : CliVerb
{
    private static readonly Option<FileInfo> File = new("--file") { Description = "the incident file (CSV with a header line)", Required = true };
    private static readonly Option<FileInfo> Mapping = new("--mapping") { Description = "the mapping (JSON) from the file's columns and values to the force pack's", Required = true };

    public override IReadOnlyList<string> Path => ["import", "incidents"];

    public override string Syntax => "--file F.csv --mapping M.json";

    public override string Description => "import past incidents from another system's CSV as closed case records the dashboard counts";

    public override void Define(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Mapping);
    }

    public override async Task<int> RunAsync(VerbRun run)
    {
        var file = run.Parse.GetValue(File)!.FullName;
        var mapping = run.Parse.GetValue(Mapping)!.FullName;
        try
        {
            var report = await run.Services.GetRequiredService<ImportIncidentsHandler>()
                .ImportAsync(file, mapping, problem => Console.WriteLine($"refused {problem}"), run.CancellationToken);
            Console.WriteLine($"imported {report.Imported} of {report.Rows} rows ({report.AlreadyImported} already imported, {report.Refused} refused)");
            return report.Refused == 0 ? 0 : 1;
        }
        catch (ImportRefusedException ex)
        {
            Console.Error.WriteLine($"import refused, nothing written: {ex.Message}");
            return 2;
        }
    }
}
