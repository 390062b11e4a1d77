using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Bench.Data;

/// <summary>
/// Fills a bench database from a plan. The schema comes from the app itself (its DbContext and
/// migrations, resolved from the app's own services); units and staff go into the app's real
/// tables, persons into the bench-owned <c>bench_persons</c> until the Records module owns them.
/// Each table's rows/s is measured beside the same rows written the same way into a plain table.
/// </summary>
public sealed partial class GenerateData(BenchTarget target, BenchPlan plan, IServiceProvider appServices, TextWriter output, int repeats = 3)
{
    public const string PersonsTable = "bench_persons";

    /// <summary>Rows held in memory at once; each chunk is one transaction (SQLite) or one COPY (PostgreSQL).</summary>
    private const int PersonChunk = 1_000_000;

    /// <summary>Generates unless the target already holds this very scale and seed (or <paramref name="regenerate"/>).</summary>
    public async Task<IReadOnlyList<BenchResult>?> RunAsync(bool regenerate, CancellationToken cancellationToken)
    {
        var description = plan.Scale.Describe(plan.Seed);
        var (state, generated) = await target.InspectAsync(cancellationToken);
        switch (state)
        {
            case TargetState.Foreign:
                throw new BenchUsageException($"{target.Describe()} holds data the bench did not generate. Point the bench at an empty database.");
            case TargetState.Bench when !regenerate && generated == description:
                output.WriteLine($"using existing bench data in {target.Describe()} ({description})");
                return null;
            case TargetState.Bench:
                output.WriteLine($"wiping bench database {target.Describe()} (had: {generated ?? "unfinished generation"})");
                await target.WipeAsync(cancellationToken);
                break;
        }

        output.WriteLine($"generating {description} into {target.Describe()}");
        Directory.CreateDirectory(target.DataDirectory);
        var results = await LoadAsync(description, cancellationToken);
        await VerifyAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// Builds the dashboard's rollups from the raw rows with the app's own <c>dashboard rebuild</c>
    /// (<see cref="RebuildDashboard"/>), timed, unless this data already has them. The bulk paths
    /// bypass the write hook that keeps rollups on write, exactly as an import would. Migrates
    /// first: a bench database generated before a migration was added gets it here.
    /// </summary>
    public async Task EnsureRollupsAsync(CancellationToken cancellationToken)
    {
        var description = plan.Scale.Describe(plan.Seed);
        await using var scope = appServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("bench dashboard rebuild");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var loader = BulkLoader.For(db.Database.GetDbConnection());
        var done = await loader.ScalarAsync($"SELECT value FROM {BenchTarget.MetaTable} WHERE key = 'rollups'", cancellationToken);
        if (done as string == description)
        {
            output.WriteLine("  rollups: already built for this data");
            return;
        }

        // The rebuild counts each fact at its unit and its district, which it finds in the unit
        // directory: the app loads that on start, and the bench may rebuild before starting it.
        await SyncUnitsFromForcePack.ReloadDirectoryAsync(db, scope.ServiceProvider.GetRequiredService<UnitDirectory>(), cancellationToken);
        output.WriteLine("  rollups: dashboard rebuild from the raw rows...");
        var start = Stopwatch.GetTimestamp();
        var result = await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().RebuildAsync(cancellationToken);
        var took = Stopwatch.GetElapsedTime(start);
        output.WriteLine($"  rollups: dashboard rebuild read {result.Records:#,0} records and wrote {result.Rows:#,0} rollup rows in {took.TotalSeconds:0.0} s ({result.Records / Math.Max(took.TotalSeconds, 0.001):#,0} records/s)");
        await loader.ExecuteAsync("ANALYZE", cancellationToken);
        await loader.ExecuteAsync($"DELETE FROM {BenchTarget.MetaTable} WHERE key = 'rollups'", cancellationToken);
        await loader.LoadAsync(new BulkTable<KeyValuePair<string, string>>(BenchTarget.MetaTable,
        [
            new("key", "TEXT", false, kv => kv.Key),
            new("value", "TEXT", false, kv => kv.Value),
        ]), [new("rollups", description)], cancellationToken);
        await db.Database.CloseConnectionAsync();
    }

    private async Task<IReadOnlyList<BenchResult>> LoadAsync(string description, CancellationToken cancellationToken)
    {
        await using var scope = appServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("bench data generation");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await DatabaseGuards.ApplyAsync(db, cancellationToken);

        // EF's own connection, so SQLite runs with the app's pragmas (WAL, synchronous=FULL).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var loader = BulkLoader.For(db.Database.GetDbConnection());
        var meta = new BulkTable<KeyValuePair<string, string>>(BenchTarget.MetaTable,
        [
            new("key", "TEXT", false, kv => kv.Key),
            new("value", "TEXT", false, kv => kv.Value),
        ]);
        await loader.ExecuteAsync($"CREATE TABLE {BenchTarget.MetaTable} (key TEXT PRIMARY KEY, value TEXT NOT NULL)", cancellationToken);
        // Marked as a bench database before anything else, so an interrupted run can be wiped.
        await loader.LoadAsync(meta, [new("started", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))], cancellationToken);

        var results = new List<BenchResult>
        {
            await LoadTableAsync(loader, BulkTable<Unit>.FromModel(db), [.. plan.Units.Select(ToUnit)], cancellationToken),
            await LoadTableAsync(loader, BulkTable<StaffAccount>.FromModel(db), ToStaffAccounts(scope.ServiceProvider), cancellationToken),
            await LoadPersonsAsync(loader, target.Provider, cancellationToken),
        };
        if (plan.Scale.ServiceRequests > 0)
        {
            results.Add(await LoadServiceRequestsAsync(loader, db, cancellationToken));
        }

        await loader.ExecuteAsync("ANALYZE", cancellationToken);
        await loader.LoadAsync(meta, [new("generated", description)], cancellationToken);
        await db.Database.CloseConnectionAsync();
        return results;
    }

    /// <summary>Rows of service applications held in memory at once: one transaction (SQLite) or one COPY (PostgreSQL) each.</summary>
    private const int RequestChunk = 500_000;

    /// <summary>
    /// The plain-table ceiling is measured on the first million rows only: measuring it on all ten
    /// million would add most of the load's time again on a machine shared with others.
    /// </summary>
    private const long CeilingRows = 1_000_000;

    /// <summary>
    /// The province-decade service applications, in chunks, each measured beside the same chunk
    /// written into an empty plain table. Then the app's reference counters are set past the
    /// highest sequence of every district and year, so the app numbers new applications after them.
    /// The timeline steps (<c>service_request_steps</c>) are not written: four to six per
    /// application would be fifty million rows, and nothing the dashboard counts reads them.
    /// </summary>
    private async Task<BenchResult> LoadServiceRequestsAsync(BulkLoader loader, NigehbanDbContext db, CancellationToken cancellationToken)
    {
        var requests = new ServiceRequestPlan(plan);
        if (loader is SqliteBulkLoader)
        {
            // Ten million rows with six indexes do not fit SQLite's default 2 MB page cache; the
            // ceiling runs on the same connection with the same cache.
            await loader.ExecuteAsync("PRAGMA cache_size = -524288", cancellationToken);
        }

        var table = ServiceRequestsBulkTable(db);
        var measured = TimeSpan.Zero;
        var ceiling = TimeSpan.Zero;
        long rows = 0;
        var counters = new Dictionary<(string District, int Year), long>();
        var started = Stopwatch.GetTimestamp();
        long ceilingRows = 0;
        var measuredOfCeilingRows = TimeSpan.Zero;
        foreach (var chunk in requests.Rows().Chunk(RequestChunk))
        {
            if (rows == 0)
            {
                await WarmUpAsync(loader, table, chunk.Take(50_000), cancellationToken);
            }

            if (rows < CeilingRows)
            {
                var (chunkMeasured, chunkCeiling) = await MeasureAsync(loader, table, chunk, 1, cancellationToken);
                measured += chunkMeasured;
                measuredOfCeilingRows += chunkMeasured;
                ceiling += chunkCeiling;
                ceilingRows += chunk.Length;
            }
            else
            {
                measured += await TimeAsync(() => loader.LoadAsync(table, chunk, cancellationToken));
            }

            rows += chunk.Length;
            foreach (var r in chunk)
            {
                counters[(r.ReferenceDistrict, r.ReferenceYear)] = r.Sequence;
            }

            output.WriteLine($"  service_requests: {rows:#,0} of {requests.Count:#,0} rows, {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
        }

        await loader.LoadAsync(BulkTable<ReferenceCounter>.FromModel(db), [.. counters.Select(c => new ReferenceCounter
        {
            Kind = requests.ReferenceKind,
            District = c.Key.District,
            Year = c.Key.Year,
            NextValue = c.Value + 1,
        })], cancellationToken);

        if (rows > ceilingRows)
        {
            output.WriteLine($"  service_requests: the first {ceilingRows:#,0} rows {ceilingRows / measuredOfCeilingRows.TotalSeconds:#,0} rows/s beside plain {PlainMethod(loader)} {ceilingRows / ceiling.TotalSeconds:#,0} rows/s; all {rows:#,0} rows {rows / measured.TotalSeconds:#,0} rows/s");
        }

        return new BenchResult("service_requests",
            new Measurement("service_requests", rows, measured, "rows/s"),
            new Measurement($"plain {PlainMethod(loader)}{(rows > ceilingRows ? $" (first {ceilingRows:#,0})" : "")}", ceilingRows, ceiling, "rows/s"));
    }

    public static BulkTable<PlannedServiceRequest> ServiceRequestsBulkTable(NigehbanDbContext db) =>
        BulkTable<PlannedServiceRequest>.FromModel(db, typeof(ServiceRequest), new Dictionary<string, Func<PlannedServiceRequest, object?>>
        {
            [nameof(ServiceRequest.Id)] = r => r.Id,
            [nameof(ServiceRequest.Reference)] = r => r.Reference,
            [nameof(ServiceRequest.ServiceCode)] = r => r.ServiceCode,
            [nameof(ServiceRequest.UnitCode)] = r => r.UnitCode,
            [nameof(ServiceRequest.UnitPath)] = r => r.UnitPath,
            [nameof(ServiceRequest.Channel)] = r => r.Channel,
            [nameof(ServiceRequest.Status)] = r => r.Status,
            [nameof(ServiceRequest.SubmittedAt)] = r => r.SubmittedAt,
            [nameof(ServiceRequest.DueAt)] = r => r.DueAt,
            [nameof(ServiceRequest.ClosedAt)] = r => r.ClosedAt,
            [nameof(ServiceRequest.BreachedAt)] = r => r.BreachedAt,
            [nameof(ServiceRequest.FeeAmount)] = r => r.FeeAmount,
            [nameof(ServiceRequest.FeeCurrency)] = r => r.FeeCurrency,
            [nameof(ServiceRequest.RejectionReason)] = r => r.RejectionReason,
            [nameof(ServiceRequest.CorrectionNote)] = r => r.CorrectionNote,
            [nameof(ServiceRequest.RecordCheckHit)] = r => r.RecordCheckHit,
            [nameof(ServiceRequest.RecordCheckSummary)] = r => r.RecordCheckSummary,
            [nameof(ServiceRequest.Version)] = r => r.Version,
            ["Applicant.NationalId"] = r => r.NationalId,
            ["Applicant.Name"] = r => r.Name,
            ["Applicant.ParentName"] = r => r.ParentName,
            ["Applicant.Phone"] = r => r.Phone,
        });

    private async Task<BenchResult> LoadTableAsync<T>(BulkLoader loader, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        await WarmUpAsync(loader, table, rows, cancellationToken);
        var (measured, ceiling) = await MeasureAsync(loader, table, rows, repeats, cancellationToken);
        output.WriteLine($"  {table.Name}: {rows.Count:#,0} rows");
        return new BenchResult(table.Name,
            new Measurement(table.Name, rows.Count, measured, "rows/s"),
            new Measurement($"plain {PlainMethod(loader)}", rows.Count, ceiling, "rows/s"));
    }

    /// <summary>Persons come in chunks: the large scale does not fit in memory at once. Ceiling and table see the same chunk.</summary>
    private async Task<BenchResult> LoadPersonsAsync(BulkLoader loader, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var table = PersonsBulkTable(provider);
        await loader.ExecuteAsync(PersonsDdl(provider), cancellationToken);
        var measured = TimeSpan.Zero;
        var ceiling = TimeSpan.Zero;
        long rows = 0;
        foreach (var chunk in plan.Persons().Chunk(PersonChunk))
        {
            if (rows == 0)
            {
                await WarmUpAsync(loader, table, chunk, cancellationToken);
            }

            // Repeating means emptying the table; with more than one chunk that would throw earlier chunks away.
            var (chunkMeasured, chunkCeiling) = await MeasureAsync(loader, table, chunk, plan.PersonCount <= PersonChunk ? repeats : 1, cancellationToken);
            measured += chunkMeasured;
            ceiling += chunkCeiling;
            rows += chunk.Length;
            output.WriteLine($"  {PersonsTable}: {rows:#,0} of {plan.PersonCount:#,0} rows");
        }

        return new BenchResult(PersonsTable,
            new Measurement(PersonsTable, rows, measured, "rows/s"),
            new Measurement($"plain {PlainMethod(loader)}", rows, ceiling, "rows/s"));
    }

    /// <summary>
    /// The same rows, the same way, first into a fresh plain table (dropped again, so both start
    /// from the same free space), then into the real one; <c>repeats</c> times over, emptying the
    /// real table in between, keeping the pass whose ratio is the median. One pass on a shared
    /// machine is at the mercy of whatever else runs; the median of a few back-to-back pairs is not.
    /// </summary>
    private async Task<(TimeSpan Measured, TimeSpan Ceiling)> MeasureAsync<T>(BulkLoader loader, BulkTable<T> table, IReadOnlyCollection<T> rows, int times, CancellationToken cancellationToken)
    {
        var ceilingName = $"bench_ceiling_{table.Name}";
        var passes = new List<(TimeSpan Measured, TimeSpan Ceiling)>();
        // A few hundred rows take milliseconds, mostly the commit's flush: more passes for a steadier median.
        times = rows.Count < 10_000 ? Math.Max(times, 9) : times;
        for (var i = 0; i < times; i++)
        {
            await loader.CreatePlainTableAsync(table, ceilingName, cancellationToken);
            var ceiling = await TimeAsync(() => loader.LoadAsync(table with { Name = ceilingName }, rows, cancellationToken));
            await loader.DropTableAsync(ceilingName, cancellationToken);
            if (i > 0)
            {
                await loader.EmptyTableAsync(table.Name, cancellationToken);
            }

            passes.Add((await TimeAsync(() => loader.LoadAsync(table, rows, cancellationToken)), ceiling));
        }

        return passes.OrderBy(p => p.Ceiling / p.Measured).ElementAt(passes.Count / 2);
    }

    /// <summary>
    /// One untimed pass of the same rows into a scratch table, dropped at once: the code paths are
    /// compiled, and on SQLite the WAL and the file's free pages are grown, so that neither the
    /// ceiling nor the table measured after it gets them for free.
    /// </summary>
    private static async Task WarmUpAsync<T>(BulkLoader loader, BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var scratch = $"bench_warmup_{table.Name}";
        await loader.CreatePlainTableAsync(table, scratch, cancellationToken);
        await loader.LoadAsync(table with { Name = scratch }, rows, cancellationToken);
        await loader.DropTableAsync(scratch, cancellationToken);
    }

    private static string PlainMethod(BulkLoader loader) => loader is PostgresBulkLoader ? "COPY" : "INSERT";

    /// <summary>
    /// Bench-owned until the Records module brings its own persons table; then the generator
    /// writes that table through the model like units and staff, and this one goes.
    /// </summary>
    public static string PersonsDdl(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? $"""
          CREATE TABLE {PersonsTable} (
            national_id varchar(13) PRIMARY KEY,
            name varchar(120) NOT NULL,
            parent_name varchar(120) NOT NULL,
            gender varchar(1) NOT NULL,
            birth_year integer NOT NULL,
            district varchar(40) NOT NULL)
          """
        : $"""
          CREATE TABLE {PersonsTable} (
            national_id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            parent_name TEXT NOT NULL,
            gender TEXT NOT NULL,
            birth_year INTEGER NOT NULL,
            district TEXT NOT NULL)
          """;

    public static BulkTable<PlannedPerson> PersonsBulkTable(DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        return new BulkTable<PlannedPerson>(PersonsTable,
        [
            new("national_id", postgres ? "varchar(13)" : "TEXT", false, p => p.NationalId),
            new("name", postgres ? "varchar(120)" : "TEXT", false, p => p.Name),
            new("parent_name", postgres ? "varchar(120)" : "TEXT", false, p => p.ParentName),
            new("gender", postgres ? "varchar(1)" : "TEXT", false, p => p.Gender),
            new("birth_year", postgres ? "integer" : "INTEGER", false, p => p.BirthYear),
            new("district", postgres ? "varchar(40)" : "TEXT", false, p => p.District),
        ]);
    }

    private static Unit ToUnit(PlannedUnit u) => new()
    {
        Code = u.Code,
        Name = u.Name,
        Kind = u.Kind,
        ParentCode = u.ParentCode,
        Path = u.Path,
        Depth = u.Depth,
        ShortCode = u.ShortCode,
        SortOrder = u.SortOrder,
    };

    /// <summary>
    /// Hashing and encryption happen here, before the clock starts: they are the app's work at
    /// enrolment, not the database's. One password hash serves every bench account (the hash
    /// carries its own salt and does not depend on the account).
    /// </summary>
    private List<StaffAccount> ToStaffAccounts(IServiceProvider services)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<StaffAccount>>();
        var totp = services.GetRequiredService<TotpSecrets>();
        var passwordHash = hasher.HashPassword(NewAccount(plan.Staff[0], string.Empty, string.Empty), BenchPlan.StaffPassword);
        return [.. plan.Staff.Select(s => NewAccount(s, passwordHash, totp.Protect(s.TotpSecret)))];
    }

    private static StaffAccount NewAccount(PlannedStaff s, string passwordHash, string protectedSecret) => new()
    {
        Id = s.Id,
        UserName = s.UserName,
        DisplayName = s.DisplayName,
        PasswordHash = passwordHash,
        ProtectedTotpSecret = protectedSecret,
        HomeUnitCode = s.UnitCode,
        HomeUnitPath = s.UnitPath,
        Roles = s.Role,
        CreatedAt = s.CreatedAt,
    };
}
