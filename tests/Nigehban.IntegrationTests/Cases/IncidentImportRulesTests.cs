using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Features.Cases.ImportIncidents;
using Nigehban.Web.Features.Dashboard;
using Shouldly;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// The import's rules on a small generated file in the Chicago pack's shape: each bad row is
/// reported with its line, column and reason and skipped while the good rows go in; a mapping
/// that names a column the file lacks, or a head the pack lacks, is refused before anything is written.
/// </summary>
public abstract class IncidentImportRulesTests(ConfiguredApp app) : IDisposable
{
    private const string Header = "ID,Date,District,Primary Type,Arrest,Latitude,Longitude";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("nigehban-import-").FullName;

    public void Dispose()
    {
        TestDirectory.DeleteQuietly(_folder);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task BadRows_AreReportedByLineAndSkipped_AndTheGoodRowsAreImported()
    {
        var source = NewSource();
        var file = Write("incidents.csv",
            Header,
            "T1,01/02/2016 10:00:00 AM,006,THEFT,false,41.75,-87.66",
            "T2,31/02/2016 10:00:00 AM,006,THEFT,false,,",
            "T3,01/02/2099 10:00:00 AM,006,THEFT,false,,",
            "T4,01/02/2016 10:00:00 AM,099,THEFT,false,,",
            "T5,01/02/2016 10:00:00 AM,006,JAYWALKING,false,,",
            "T6,\"01/02/2016 10:00:00 AM\"x,006,THEFT,false,,",
            "T7,01/02/2016 10:00:00 AM,006",
            "T1,01/02/2016 11:00:00 AM,006,THEFT,false,,",
            "T8,01/03/2016 11:57:00 PM,011,\"ROB\nBERY\",true,41.8,-87.7",
            "T9,01/03/2016 11:57:00 PM,011,ROBBERY,maybe,,",
            "T10,01/03/2016 11:57:00 PM,011,ROBBERY,true,91,-87.7",
            "T11,01/03/2016 11:58:00 PM,011,ROBBERY,true,0,0");
        var problems = new List<ImportProblem>();

        var report = await app.ImportAsync(file, Mapping(source), problems);

        problems.Select(p => (p.Line, p.Field)).ShouldBe(
        [
            (3, "Date"), (4, "Date"), (5, "District"), (6, "Primary Type"), (7, "row"), (8, "row"), (9, "ID"), (10, "Primary Type"), (12, "Arrest"), (13, "Latitude"),
        ]);
        problems[1].Reason.ShouldContain("future");
        problems[6].Reason.ShouldContain("line 2");
        report.ShouldBe(new ImportReport(Rows: 12, Imported: 2, AlreadyImported: 0, Refused: 10));
        var imported = await app.WithDbAsync(db => db.Set<ImportedIncident>().Where(i => i.Source == source).OrderBy(i => i.SourceLine).ToListAsync(Ct));
        imported.Select(i => (i.ExternalId, i.UnitCode, i.CrimeHead, i.Outcome, i.SourceLine)).ShouldBe(
            [("T1", "D006-S", "other-theft", "closed-no-arrest", 2), ("T11", "D011-S", "robbery", "cleared-by-arrest", 14)]);
        imported[0].Latitude.ShouldBe(41.75);
        imported[1].Latitude.ShouldBeNull(); // 0,0 is "not geocoded"
        // 10:00 on 2 January 2016 in Chicago (UTC-6).
        imported[0].OccurredAt.ShouldBe(new DateTimeOffset(2016, 1, 2, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task AFileOfSeveralBatches_IsImportedWhole_OneAuditEventPerBatch_AndARerunAddsNothing()
    {
        // Two full batches and a part, written while the next is read (ADR-056); a bad row in the first and the last batch.
        var rows = ImportIncidentsHandler.BatchSize * 2 + 7;
        var source = NewSource();
        var lines = new List<string> { Header };
        for (var i = 0; i < rows; i++)
        {
            var day = 1 + i % 28;
            lines.Add(i == 1 || i == rows - 1
                ? $"B{i},02/{day:00}/2016 10:00:00 AM,099,THEFT,false,,"
                : $"B{i},02/{day:00}/2016 10:00:00 AM,{(i % 3 == 0 ? "011,ROBBERY,true" : "006,THEFT,false")},41.75,-87.66");
        }

        var file = Write("batches.csv", [.. lines]);
        var mapping = Mapping(source);
        var rollupsBefore = await ImportedRollupSumAsync();
        var problems = new List<ImportProblem>();

        var first = await app.ImportAsync(file, mapping, problems);
        var again = await app.ImportAsync(file, mapping);

        first.ShouldBe(new ImportReport(Rows: rows, Imported: rows - 2, AlreadyImported: 0, Refused: 2));
        problems.Select(p => (p.Line, p.Field)).ShouldBe([(3, "District"), (rows + 1, "District")]);
        again.ShouldBe(new ImportReport(Rows: rows, Imported: 0, AlreadyImported: rows - 2, Refused: 2));
        (await app.WithDbAsync(db => db.Set<ImportedIncident>().CountAsync(i => i.Source == source, Ct))).ShouldBe(rows - 2);
        // February 2016 is this test's alone: the stations' day totals count every imported row once, the re-run none.
        (await app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.Metric == ImportedIncidentMetrics.Imported && r.Period == RollupPeriod.Day && r.Dimension == ""
                && r.PeriodStart >= new DateOnly(2016, 2, 1) && r.PeriodStart < new DateOnly(2016, 3, 1) && (r.UnitCode == "D006-S" || r.UnitCode == "D011-S"))
            .SumAsync(r => r.Count, Ct))).ShouldBe(rows - 2);
        (await ImportedRollupSumAsync()).ShouldBeGreaterThan(rollupsBefore);
        var batches = await app.WithDbAsync(db => db.Set<Nigehban.Web.Platform.Audit.AuditEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.Action == "incidents.imported" && e.ObjectId == source, Ct));
        batches.ShouldBe(3);
    }

    [Fact]
    public async Task AMappingNamingAMissingColumn_IsRefusedNamingIt_BeforeAnythingIsWritten()
    {
        var source = NewSource();
        var file = Write("incidents.csv", Header, "T1,01/02/2016 10:00:00 AM,006,THEFT,false,,");

        var rollupsBefore = await ImportedRollupSumAsync();

        var missing = await Should.ThrowAsync<ImportRefusedException>(() => app.ImportAsync(file, Mapping(source, unitColumn: "Police District")));
        var badHead = await Should.ThrowAsync<ImportRefusedException>(() => app.ImportAsync(file, Mapping(source, theftHead: "larceny")));

        missing.Field.ShouldBe("Police District");
        missing.Message.ShouldContain("no column 'Police District'");
        badHead.Field.ShouldBe("offences");
        badHead.Message.ShouldContain("larceny");
        (await app.WithDbAsync(db => db.Set<ImportedIncident>().CountAsync(i => i.Source == source, Ct))).ShouldBe(0);
        (await ImportedRollupSumAsync()).ShouldBe(rollupsBefore);
    }

    private Task<long> ImportedRollupSumAsync() =>
        app.WithDbAsync(db => db.Set<DashboardRollup>().Where(r => r.Metric == ImportedIncidentMetrics.Imported).SumAsync(r => r.Count, Ct));

    private static string NewSource() => "test-" + Guid.NewGuid().ToString("N")[..12];

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string Mapping(string source, string unitColumn = "District", string theftHead = "other-theft")
    {
        var path = Path.Combine(_folder, $"mapping-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "source": "{{source}}",
              "columns": { "externalId": "ID", "occurredAt": "Date", "unit": "{{unitColumn}}", "offence": "Primary Type", "status": "Arrest", "latitude": "Latitude", "longitude": "Longitude" },
              "dateFormats": [ "MM/dd/yyyy hh:mm:ss tt" ],
              "units": { "006": "D006-S", "011": "D011-S" },
              "offences": { "THEFT": "{{theftHead}}", "ROBBERY": "robbery" },
              "statuses": { "true": "cleared-by-arrest", "false": "closed-no-arrest" }
            }
            """);
        return path;
    }
}

public sealed class ChicagoRulesSqliteApp() : ConfiguredApp(DatabaseProvider.Sqlite, "chicago", ("Demo:Seed", "false"));

public sealed class ChicagoRulesPostgresApp() : ConfiguredApp(DatabaseProvider.Postgres, "chicago", ("Demo:Seed", "false"));

public sealed class IncidentImportRulesTests_Sqlite(ChicagoRulesSqliteApp app) : IncidentImportRulesTests(app), IClassFixture<ChicagoRulesSqliteApp>;

public sealed class IncidentImportRulesTests_Postgres(ChicagoRulesPostgresApp app) : IncidentImportRulesTests(app), IClassFixture<ChicagoRulesPostgresApp>;
