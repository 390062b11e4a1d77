using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Cases.ImportIncidents;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>Runs the history import as the command line does: in a scope acting as the operator at the machine.</summary>
public static class IncidentImportFixtures
{
    public static string MappingOf(string pack) => Path.Combine(AppContext.BaseDirectory, "forces", pack, "incidents-mapping.json");

    /// <summary>
    /// A reference file of <c>../shared/data/reference/</c> (beside the repository, not in it):
    /// found by walking up from the test binary; <c>NIGEHBAN_REFERENCE_DATA</c> names the folder elsewhere.
    /// </summary>
    public static string ReferenceFile(params string[] parts)
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("NIGEHBAN_REFERENCE_DATA") is { Length: > 0 } configured)
        {
            roots.Add(configured);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            roots.Add(Path.Combine(folder.FullName, "shared", "data", "reference"));
        }

        var file = roots.Select(root => Path.Combine([root, .. parts])).FirstOrDefault(File.Exists);
        file.ShouldNotBeNull($"reference file {Path.Combine(parts)} not found under ../shared/data/reference (set NIGEHBAN_REFERENCE_DATA)");
        return file;
    }

    public static async Task<ImportReport> ImportAsync(this NigehbanApp app, string file, string mapping, List<ImportProblem>? problems = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UseCommandLineOperator();
        return await scope.ServiceProvider.GetRequiredService<ImportIncidentsHandler>()
            .ImportAsync(file, mapping, p => problems?.Add(p), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Incidents per (unit, crime head) computed from the file without the importer: the framework's
    /// own CSV parser, and the mapping's value maps applied by hand ("*" catching what is not listed).
    /// </summary>
    public static Dictionary<(string Unit, string Head), int> CountsFromFile(string csv, string mappingFile)
    {
        using var mapping = JsonDocument.Parse(File.ReadAllText(mappingFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var columns = mapping.RootElement.GetProperty("columns");
        var units = mapping.RootElement.GetProperty("units").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var heads = mapping.RootElement.GetProperty("offences").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        using var parser = new TextFieldParser(csv) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var unitColumn = Array.IndexOf(header, columns.GetProperty("unit").GetString());
        var offenceColumn = Array.IndexOf(header, columns.GetProperty("offence").GetString());
        var counts = new Dictionary<(string, string), int>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            var key = (units[fields[unitColumn]], heads.TryGetValue(fields[offenceColumn], out var head) ? head : heads["*"]);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}

/// <summary>An app on a history pack that imported one real file once, for the tests of a class to share.</summary>
public abstract class ImportedFileApp(DatabaseProvider provider, string pack, string[] file)
    : ConfiguredApp(provider, pack, ("Demo:Seed", "false"))
{
    public string Pack => Force;

    public string File { get; } = IncidentImportFixtures.ReferenceFile(file);

    public ImportReport Report { get; private set; } = null!;

    public List<ImportProblem> Problems { get; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Report = await this.ImportAsync(File, IncidentImportFixtures.MappingOf(Force), Problems);
    }
}

public sealed class WestLaSqliteApp() : ImportedFileApp(DatabaseProvider.Sqlite, "westla", ["la", "crime_west_la_2020_2021.csv"]);

public sealed class WestLaPostgresApp() : ImportedFileApp(DatabaseProvider.Postgres, "westla", ["la", "crime_west_la_2020_2021.csv"]);

public sealed class ChicagoSqliteApp() : ImportedFileApp(DatabaseProvider.Sqlite, "chicago", ["chicago", "crimes_2016-01-01_to_03.csv"]);

public sealed class ChicagoPostgresApp() : ImportedFileApp(DatabaseProvider.Postgres, "chicago", ["chicago", "crimes_2016-01-01_to_03.csv"]);
