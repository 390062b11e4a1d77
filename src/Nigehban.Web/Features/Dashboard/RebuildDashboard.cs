using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nigehban.Web.Platform.Data;
using Npgsql;
using NpgsqlTypes;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>One rollup row whose stored sums differ from the sums counted over the raw records.</summary>
public sealed record RollupDifference(RollupKey Key, RollupSums Expected, RollupSums Stored)
{
    public override string ToString() =>
        $"{Key}: expected count {Expected.Count} measure {Expected.Measure}, stored count {Stored.Count} measure {Stored.Measure}";
}

public sealed record RebuildResult(long Records, long Rows);

/// <summary>
/// <c>dashboard rebuild</c> and <c>dashboard verify</c>: count the raw records again with the same
/// projection the write hook uses. Records are streamed (no tracking) one district at a time, so
/// memory holds one district's rows, not the force's. Rebuild replaces the table in one
/// transaction with a bulk path (COPY on PostgreSQL, one prepared insert on SQLite).
/// </summary>
public sealed class RebuildDashboard(NigehbanDbContext db, RollupLevels levels)
{
    /// <summary>Replaces every rollup row with counts over the raw records. Call after bulk loads.</summary>
    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!db.IsPostgres)
            {
                // Millions of rollup rows and index pages do not fit SQLite's default 2 MB page cache.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", cancellationToken);
            }

            await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "TRUNCATE dashboard_rollups" : "DELETE FROM dashboard_rollups", cancellationToken);
            long records = 0, rows = 0;
            foreach (var chunk in await ChunksAsync(includeStoredRows: false, cancellationToken))
            {
                var sums = new Dictionary<RollupKey, RollupSums>();
                records += await CountAsync(chunk, sums, cancellationToken);
                rows += await InsertAsync(transaction, sums.Where(s => !s.Value.IsZero).OrderBy(s => s.Key), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new RebuildResult(records, rows);
        }
        finally
        {
            if (!db.IsPostgres)
            {
                // The pooled connection must not keep a 256 MB cache after a rebuild, failed or not: back to SQLite's default.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            }

            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>Every row that differs from a recount (a missing row counts as zero), in key order per district.</summary>
    public async Task<IReadOnlyList<RollupDifference>> VerifyAsync(CancellationToken cancellationToken)
    {
        var differences = new List<RollupDifference>();

        // One snapshot for the whole check, so writes during it cannot show as differences.
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.IsPostgres ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, cancellationToken);
        foreach (var chunk in await ChunksAsync(includeStoredRows: true, cancellationToken))
        {
            var expected = new Dictionary<RollupKey, RollupSums>();
            await CountAsync(chunk, expected, cancellationToken);
            var stored = db.Set<DashboardRollup>().AsNoTracking().Where(r => chunk.Codes.Contains(r.UnitCode));
            var seen = new HashSet<RollupKey>();
            await foreach (var row in stored.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var key = new RollupKey(row.UnitCode, row.Period, row.PeriodStart, row.Metric, row.Dimension);
                seen.Add(key);
                var want = expected.GetValueOrDefault(key);
                var have = new RollupSums(row.Count, row.Measure);
                if (want != have)
                {
                    differences.Add(new RollupDifference(key, want, have));
                }
            }

            differences.AddRange(expected.Where(e => !e.Value.IsZero && !seen.Contains(e.Key))
                .OrderBy(e => e.Key).Select(e => new RollupDifference(e.Key, e.Value, default)));
        }

        await transaction.RollbackAsync(cancellationToken);
        return differences;
    }

    /// <summary>
    /// Units grouped by district (rows of a district's chunk are that district's and its units'),
    /// units in no district together, and last the codes found in records (and, for verify, in
    /// rollup rows) that the directory does not know. Those are looked up with one DISTINCT per
    /// table rather than a NOT IN over every known code, which would compare each of ten million
    /// rows with the whole directory.
    /// </summary>
    private async Task<List<Chunk>> ChunksAsync(bool includeStoredRows, CancellationToken cancellationToken)
    {
        var all = levels.Units.All;
        var chunks = all
            .GroupBy(u => levels.DistrictOf(u.Code) ?? (u.Kind == levels.Force.ReferenceUnitKind ? u.Code : ""), StringComparer.OrdinalIgnoreCase)
            .Select(g => new Chunk([.. g.Select(u => u.Code)]))
            .ToList();

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in MetricCatalog.Sources)
        {
            present.UnionWith(await ForEntityOf<List<string>>(nameof(UnitCodesInUseAsync), source, [source, cancellationToken]));
        }

        if (includeStoredRows)
        {
            present.UnionWith(await db.Set<DashboardRollup>().Select(r => r.UnitCode).Distinct().ToListAsync(cancellationToken));
        }

        // Exact (ordinal) comparison, as the database compares the codes of the chunks above.
        present.ExceptWith(all.Select(u => u.Code));
        if (present.Count > 0)
        {
            chunks.Add(new Chunk([.. present.Order(StringComparer.Ordinal)]));
        }

        return chunks;
    }

    /// <summary>Calls this class's generic method <paramref name="name"/> for the source's entity type (EF queries need the type statically).</summary>
    private Task<TResult> ForEntityOf<TResult>(string name, IMetricSource source, object?[] arguments) =>
        (Task<TResult>)typeof(RebuildDashboard).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(source.EntityType).Invoke(this, arguments)!;

    private Task<List<string>> UnitCodesInUseAsync<T>(IMetricSource source, CancellationToken cancellationToken)
        where T : class =>
        db.Set<T>().IgnoreQueryFilters().Select(e => EF.Property<string>(e, source.UnitProperty)).Distinct().ToListAsync(cancellationToken);

    private async Task<long> CountAsync(Chunk chunk, Dictionary<RollupKey, RollupSums> sums, CancellationToken cancellationToken)
    {
        long records = 0;
        foreach (var source in MetricCatalog.Sources)
        {
            records += await ForEntityOf<long>(nameof(CountSourceAsync), source, [source, chunk, sums, cancellationToken]);
        }

        return records;
    }

    private async Task<long> CountSourceAsync<T>(IMetricSource source, Chunk chunk, Dictionary<RollupKey, RollupSums> sums, CancellationToken cancellationToken)
        where T : class
    {
        var property = source.UnitProperty;
        var codes = chunk.Codes;
        var query = db.Set<T>().IgnoreQueryFilters().AsNoTracking() // force-wide system work
            .Where(e => codes.Contains(EF.Property<string>(e, property)));
        var facts = new List<MetricFact>();
        long records = 0;
        await foreach (var entity in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            records++;
            facts.Clear();
            source.Project(entity, levels.TimeZone, facts);
            foreach (var fact in facts)
            {
                levels.Accumulate(sums, fact, +1);
            }
        }

        return records;
    }

    private async Task<long> InsertAsync(IDbContextTransaction transaction, IEnumerable<KeyValuePair<RollupKey, RollupSums>> rows, CancellationToken cancellationToken)
    {
        long written = 0;
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync(
                "COPY dashboard_rollups (unit_code, period, period_start, metric, dimension, count, measure) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var (key, sums) in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(key.UnitCode, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync((short)key.Period, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync(key.Start, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(key.Metric, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(key.Dimension, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(sums.Count, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(sums.Measure, NpgsqlDbType.Bigint, cancellationToken);
                written++;
            }

            await importer.CompleteAsync(cancellationToken);
            return written;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "INSERT INTO dashboard_rollups (unit_code, period, period_start, metric, dimension, count, measure) VALUES ($u, $p, $s, $m, $d, $c, $v)";
        var parameters = InsertParameters.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var (key, sums) in rows)
        {
            parameters[0].Value = key.UnitCode;
            parameters[1].Value = (short)key.Period;
            parameters[2].Value = key.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); // EF's SQLite form of DateOnly
            parameters[3].Value = key.Metric;
            parameters[4].Value = key.Dimension;
            parameters[5].Value = sums.Count;
            parameters[6].Value = sums.Measure;
            await command.ExecuteNonQueryAsync(cancellationToken);
            written++;
        }

        return written;
    }

    private static readonly string[] InsertParameters = ["$u", "$p", "$s", "$m", "$d", "$c", "$v"];

    private sealed record Chunk(List<string> Codes);
}
