using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Features.Cases.ImportIncidents;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Platform.Units;
using Shouldly;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// The history import on the real files (issue 17, item 6): Los Angeles' West LA file into the
/// West LA pack, Chicago's into the Chicago pack, each once per provider. What the records and the
/// dashboard's rollups hold per unit and per crime head equals what the test counts in the file itself.
/// </summary>
public abstract class RealFileImportTests(ImportedFileApp app, int rowsInFile)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryRowOfTheFile_IsImported()
    {
        app.Problems.ShouldBeEmpty();
        app.Report.ShouldBe(new ImportReport(rowsInFile, rowsInFile, 0, 0));
    }

    [Fact]
    public async Task RecordsAndRollups_PerUnitAndHead_EqualTheCountsOfTheFile()
    {
        var expected = IncidentImportFixtures.CountsFromFile(app.File, IncidentImportFixtures.MappingOf(app.Pack));
        expected.Values.Sum().ShouldBe(rowsInFile);

        var records = await app.WithDbAsync(db => db.Set<ImportedIncident>().GroupBy(i => new { i.UnitCode, i.CrimeHead })
            .Select(g => new { g.Key.UnitCode, g.Key.CrimeHead, Count = g.Count() }).ToListAsync(Ct));
        records.ToDictionary(r => (r.UnitCode, r.CrimeHead), r => r.Count).ShouldBe(expected, ignoreOrder: true);

        // The dashboard's rows, the station's own and its district's (where every higher level reads):
        // per head in the month rows, the totals in the day rows.
        var units = app.Services.GetRequiredService<UnitDirectory>();
        var districtKind = app.Services.GetRequiredService<Nigehban.Web.Platform.Forces.ForcePack>().ReferenceUnitKind;
        var rollups = await app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.Metric == ImportedIncidentMetrics.Imported && (r.Period == RollupPeriod.Month) == (r.Dimension != ""))
            .GroupBy(r => new { r.UnitCode, r.Dimension })
            .Select(g => new { g.Key.UnitCode, g.Key.Dimension, Count = g.Sum(r => r.Count) }).ToListAsync(Ct));
        var perHead = rollups.Where(r => r.Dimension != "").ToDictionary(r => (r.UnitCode, r.Dimension), r => (int)r.Count);
        var totals = rollups.Where(r => r.Dimension == "").ToDictionary(r => r.UnitCode, r => (int)r.Count);
        var districtOf = (string unit) => units.AncestorOfKind(unit, districtKind)!.Code;
        var byDistrict = expected.GroupBy(e => (districtOf(e.Key.Unit), e.Key.Head)).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        perHead.ShouldBe(expected.Concat(byDistrict).ToDictionary(), ignoreOrder: true);
        var expectedTotals = expected.GroupBy(e => e.Key.Unit).Select(g => (g.Key, g.Sum(e => e.Value)))
            .Concat(expected.GroupBy(e => districtOf(e.Key.Unit)).Select(g => (g.Key, g.Sum(e => e.Value))))
            .ToDictionary(t => t.Item1, t => t.Item2);
        totals.ShouldBe(expectedTotals, ignoreOrder: true);

        // dashboard verify: a recount from the records agrees with every rollup row.
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Nigehban.Web.Platform.Security.CurrentUser>().UseCommandLineOperator();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportingTheSameFileAgain_AddsNothing()
    {
        var again = await app.ImportAsync(app.File, IncidentImportFixtures.MappingOf(app.Pack));

        again.ShouldBe(new ImportReport(rowsInFile, 0, rowsInFile, 0));
        (await app.WithDbAsync(db => db.Set<ImportedIncident>().CountAsync(Ct))).ShouldBe(rowsInFile);
    }
}

public sealed class WestLaImportTests_Sqlite(WestLaSqliteApp app) : RealFileImportTests(app, 12954), IClassFixture<WestLaSqliteApp>;

public sealed class WestLaImportTests_Postgres(WestLaPostgresApp app) : RealFileImportTests(app, 12954), IClassFixture<WestLaPostgresApp>;

public sealed class ChicagoImportTests_Sqlite(ChicagoSqliteApp app) : RealFileImportTests(app, 1730), IClassFixture<ChicagoSqliteApp>;

public sealed class ChicagoImportTests_Postgres(ChicagoPostgresApp app) : RealFileImportTests(app, 1730), IClassFixture<ChicagoPostgresApp>;
