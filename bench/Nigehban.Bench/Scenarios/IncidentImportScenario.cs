using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Cases.ImportIncidents;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using Npgsql;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// The history import (<c>import incidents</c>): a generated file of past incidents spread over the
/// pack's stations and crime heads, imported through a mapping with everything the verb does
/// (parsing, the known-id check, indexes, rollups, one audit event per batch), against the ceiling
/// of the same rows, already in memory, written by a raw bulk load (PostgreSQL: binary COPY;
/// SQLite: a prepared INSERT in one transaction) into a table with the same columns and no keys or
/// indexes. Each round imports a file of its own (a fresh source), so nothing is skipped as known.
/// </summary>
public sealed class IncidentImportScenario : IScenario
{
    private const int Rows = 100_000;

    /// <summary>Ten years: the history a force brings in, spread thin (0.11 incidents a station a day at 252 stations).</summary>
    private const int TenYears = 10 * 365 * 24 * 60;

    /// <summary>
    /// The same rows at Punjab's own rate (756,738 FIRs in 2022 over about 714 stations: 2.9 a
    /// station a day), i.e. the last 137 days at the pack's 252 stations: a register's density, where
    /// a day's and a month's rollup rows are shared by many incidents (ADR-056).
    /// </summary>
    private const int AtAStationsRate = 137 * 24 * 60;
    private const string PlainTable = "bench_plain_imported_incidents";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-bench-import-" + Guid.NewGuid().ToString("N")[..8]);
    private List<UnitInfo> _stations = [];
    private IReadOnlyList<CrimeHead> _heads = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public string Name => "incident-import";

    public string Measures => $"import incidents of a {Rows:#,0}-row CSV (parse, known-id check, indexes, rollups, audit per batch); ceiling: the same rows from memory by a raw bulk load (PostgreSQL: binary COPY) into a table with no keys";

    public Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var force = context.AppServices.GetRequiredService<ForcePack>();
        _stations = [.. context.AppServices.GetRequiredService<UnitDirectory>().All.Where(u => u.Kind == force.StationUnitKind)];
        _heads = context.AppServices.GetRequiredService<CasesPack>().CrimeHeads;
        _zone = force.TimeZone;
        Directory.CreateDirectory(_folder);
        context.Log($"incident-import: {Rows:#,0} rows over {_stations.Count} stations and {_heads.Count} crime heads");
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var rounds = new List<BenchResult>();
        var denseRounds = new List<BenchResult>();
        try
        {
            // A warm-up of both sides (a tenth of the rows), so that neither measured pass pays for compiling.
            var warmSource = $"bench-warmup-{DateTime.UtcNow:HHmmss}";
            var warmRows = Generate(new DeterministicRandom(context.Options.Seed, "incident-import/warm-up"), warmSource, TenYears).Take(Rows / 10).ToList();
            var (warmFile, warmMapping) = WriteFiles(warmRows, warmSource);
            await CopyAsync(context, warmRows, cancellationToken);
            await ImportAsync(context, warmFile, warmMapping, cancellationToken);

            for (var round = 0; round < context.Options.Rounds; round++)
            {
                foreach (var (name, span, dense) in new[] { ("incident import, ten years", TenYears, false), ("incident import, at a station's rate", AtAStationsRate, true) })
                {
                    var source = $"bench-{DateTime.UtcNow:HHmmss}-{round}{(dense ? "-dense" : "")}";
                    var rows = Generate(new DeterministicRandom(context.Options.Seed, $"incident-import/{round}{(dense ? "/dense" : "")}"), source, span);
                    var (file, mapping) = WriteFiles(rows, source);
                    var ceiling = await CopyAsync(context, rows, cancellationToken);
                    var measured = await ImportAsync(context, file, mapping, cancellationToken);
                    (dense ? denseRounds : rounds).Add(new BenchResult(name, measured, ceiling));
                    context.Log($"{name} round {round + 1}: {measured.PerSecond:#,0} rows/s imported, ceiling {ceiling.PerSecond:#,0} rows/s ({measured.PerSecond / ceiling.PerSecond:0.00}x)");
                }
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }

        return [rounds.OrderBy(r => r.Ratio).ElementAt(rounds.Count / 2), denseRounds.OrderBy(r => r.Ratio).ElementAt(denseRounds.Count / 2)];
    }

    private List<ImportedIncident> Generate(DeterministicRandom random, string source, int spanMinutes)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new List<ImportedIncident>(Rows);
        for (var i = 0; i < Rows; i++)
        {
            var station = random.Pick(_stations);
            // Whole minutes in the force's time: what a file's "M/d/yyyy H:mm" can say.
            var local = TimeZoneInfo.ConvertTime(now.AddMinutes(-random.Next(1, spanMinutes)), _zone);
            var occurred = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, local.Offset).ToUniversalTime();
            var head = random.Pick(_heads).Code;
            rows.Add(new ImportedIncident
            {
                Id = Guid.CreateVersion7(),
                Source = source,
                ExternalId = (1_000_000_000L + i).ToString(CultureInfo.InvariantCulture),
                UnitCode = station.Code,
                UnitPath = station.Path,
                CrimeHead = head,
                SourceOffence = head.ToUpperInvariant(),
                Outcome = random.Chance(0.3) ? "cleared-by-arrest" : "closed-no-arrest",
                OccurredAt = occurred,
                Latitude = random.Chance(0.9) ? 31 + random.Next(0, 100_000) / 100_000.0 : null,
                Longitude = 74 + random.Next(0, 100_000) / 100_000.0,
                ImportedAt = now,
                SourceLine = i + 2,
            });
        }

        // In order of occurrence, as a register is kept and exported; the ids follow that order.
        rows.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].ExternalId = (1_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            rows[i].SourceLine = i + 2;
        }

        return rows;
    }

    private (string File, string Mapping) WriteFiles(List<ImportedIncident> rows, string source)
    {
        var file = Path.Combine(_folder, source + ".csv");
        using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            writer.WriteLine("Incident No,Occurred,Station,Offence,Outcome,Lat,Lon");
            foreach (var row in rows)
            {
                var local = TimeZoneInfo.ConvertTime(row.OccurredAt, _zone);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.ExternalId},{local:M/d/yyyy H:mm},{row.UnitCode},\"{row.SourceOffence}\",{row.Outcome},{row.Latitude},{(row.Latitude is null ? "" : row.Longitude)}"));
            }
        }

        var mapping = Path.Combine(_folder, source + ".json");
        var units = string.Join(", ", _stations.Select(s => $"\"{s.Code}\": \"{s.Code}\""));
        var heads = string.Join(", ", _heads.Select(h => $"\"{h.Code.ToUpperInvariant()}\": \"{h.Code}\""));
        File.WriteAllText(mapping, $$"""
            {
              "source": "{{source}}",
              "columns": { "externalId": "Incident No", "occurredAt": "Occurred", "unit": "Station", "offence": "Offence", "status": "Outcome", "latitude": "Lat", "longitude": "Lon" },
              "dateFormats": [ "M/d/yyyy H:mm" ],
              "units": { {{units}} },
              "offences": { {{heads}} },
              "statuses": { "cleared-by-arrest": "cleared-by-arrest", "closed-no-arrest": "closed-no-arrest" }
            }
            """);
        return (file, mapping);
    }

    private static async Task<Measurement> CopyAsync(BenchContext context, List<ImportedIncident> rows, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("bench ceiling");
        var table = BulkTable<ImportedIncident>.FromModel(scope.ServiceProvider.GetRequiredService<NigehbanDbContext>());
        var plain = table with { Name = PlainTable };
        await using var connection = Open(context.Target);
        await connection.OpenAsync(cancellationToken);
        var loader = BulkLoader.For(connection);
        await loader.CreatePlainTableAsync(table, PlainTable, cancellationToken);
        var watch = Stopwatch.StartNew();
        var written = await loader.LoadAsync(plain, rows, cancellationToken);
        watch.Stop();
        await loader.DropTableAsync(PlainTable, cancellationToken);
        return new Measurement($"raw {loader.Method} of the rows", written, watch.Elapsed, "rows/s");
    }

    private static async Task<Measurement> ImportAsync(BenchContext context, string file, string mapping, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("bench import, as the operator at the command line");
        string? firstError = null;
        long errors = 0;
        var watch = Stopwatch.StartNew();
        var report = await scope.ServiceProvider.GetRequiredService<ImportIncidentsHandler>().ImportAsync(file, mapping, problem =>
        {
            errors++;
            firstError ??= problem.ToString();
        }, cancellationToken);
        watch.Stop();
        return new Measurement("import incidents", report.Imported, watch.Elapsed, "rows/s", Errors: errors, FirstError: firstError);
    }

    private static DbConnection Open(BenchTarget target) => target.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(target.ConnectionString)
        : new SqliteConnection(target.ConnectionString);
}
