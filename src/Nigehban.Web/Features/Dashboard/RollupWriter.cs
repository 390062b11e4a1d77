using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// Keeps the rollup table in step with the records, inside the transaction that writes them.
/// For each tracked entry whose type has a metric source, the facts of its original values are
/// subtracted and those of its current values added; so a backdated record or one moved to
/// another station is exact by construction. The net deltas go in with one batched upsert.
/// </summary>
public sealed class RollupWriter(RollupLevels levels, RollupWriter.PublishAlertsAfterCommit alerts) : ISaveParticipant
{
    private const int RowsPerStatement = 400;

    /// <summary>
    /// The upserts for the tracked changes, not yet run. Called by <see cref="NigehbanDbContext"/>
    /// after its changes are written, before the commit; it sends them in one command with the
    /// audit insert, saving a round trip per save (ADR-013). Empty when nothing counted changed.
    /// </summary>
    public IReadOnlyList<(string Sql, object[] Parameters)> PendingStatements(NigehbanDbContext db)
    {
        Dictionary<RollupKey, RollupSums>? deltas = null;
        List<MetricFact>? before = null, after = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || MetricCatalog.SourceFor(entry.Metadata.ClrType) is not { } source)
            {
                continue; // cheap when nothing counted changed: no query, no allocation
            }

            deltas ??= [];
            (before ??= []).Clear();
            (after ??= []).Clear();
            if (entry.State != EntityState.Added)
            {
                source.Project(entry.OriginalValues.ToObject(), levels.TimeZone, before);
            }

            if (entry.State != EntityState.Deleted)
            {
                source.Project(entry.Entity, levels.TimeZone, after);
            }

            foreach (var fact in before)
            {
                levels.Accumulate(deltas, fact, -1);
            }

            foreach (var fact in after)
            {
                levels.Accumulate(deltas, fact, +1);
            }

            CollectAlerts(db, source, entry.Entity, before, after);
        }

        return deltas is null ? [] : UpsertStatements(deltas.Where(d => !d.Value.IsZero).Select(d => (d.Key, d.Value)), db.IsPostgres);
    }

    /// <summary>
    /// The upserts for rows written in bulk (an import batch, ADR-056): their facts summed over the
    /// whole batch, so each rollup row the batch touches is written once, by one statement on
    /// PostgreSQL whatever the batch's size.
    /// </summary>
    public IReadOnlyList<(string Sql, object[] Parameters)> StatementsForNewRows(NigehbanDbContext db, IReadOnlyList<object> rows)
    {
        if (rows.Count == 0 || MetricCatalog.SourceFor(rows[0].GetType()) is not { } source)
        {
            return [];
        }

        var deltas = new Dictionary<RollupKey, RollupSums>();
        var facts = new List<MetricFact>();
        foreach (var row in rows)
        {
            facts.Clear();
            source.Project(row, levels.TimeZone, facts);
            foreach (var fact in facts)
            {
                levels.Accumulate(deltas, fact, +1);
            }

            CollectAlerts(db, source, row, [], facts);
        }

        return UpsertStatements(deltas.Where(d => !d.Value.IsZero).Select(d => (d.Key, d.Value)), db.IsPostgres, db.IsPostgres ? int.MaxValue : RowsPerStatement);
    }

    /// <summary>Adds signed sums to the rows, in key order, in batches; missing rows are created.</summary>
    public static async Task UpsertAsync(NigehbanDbContext db, IEnumerable<(RollupKey Key, RollupSums Sums)> rows, CancellationToken cancellationToken)
    {
        foreach (var (sql, parameters) in UpsertStatements(rows, db.IsPostgres))
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    private const string Insert = "INSERT INTO dashboard_rollups (unit_code, period, period_start, metric, dimension, count, measure) ";

    private const string AddToExisting = " ON CONFLICT (unit_code, period, period_start, metric, dimension) DO UPDATE SET "
        + "count = dashboard_rollups.count + excluded.count, measure = dashboard_rollups.measure + excluded.measure";

    private static List<(string Sql, object[] Parameters)> UpsertStatements(IEnumerable<(RollupKey Key, RollupSums Sums)> rows, bool postgres, int rowsPerStatement = RowsPerStatement)
    {
        var statements = new List<(string Sql, object[] Parameters)>();
        // Key order: concurrent saves take the rows' locks in the same order (no deadlock).
        var sorted = rows.OrderBy(r => r.Key).ToList();
        for (var offset = 0; offset < sorted.Count; offset += rowsPerStatement)
        {
            var batch = sorted.GetRange(offset, Math.Min(rowsPerStatement, sorted.Count - offset));
            statements.Add(postgres ? ArrayUpsert(batch) : ValuesUpsert(batch));
        }

        return statements;
    }

    /// <summary>
    /// PostgreSQL: one statement of one shape whatever the number of rows, the rows going in as
    /// arrays, so it is prepared once per connection (auto-prepare, ADR-013) instead of parsed and
    /// planned afresh for every count of rows a save or a group of saves brings (ADR-014).
    /// </summary>
    private static (string Sql, object[] Parameters) ArrayUpsert(List<(RollupKey Key, RollupSums Sums)> batch) =>
        (Insert + "SELECT * FROM unnest({0}::varchar[], {1}::smallint[], {2}::date[], {3}::varchar[], {4}::varchar[], {5}::bigint[], {6}::bigint[])" + AddToExisting,
        [
            batch.Select(r => r.Key.UnitCode).ToArray(),
            batch.Select(r => (short)r.Key.Period).ToArray(),
            batch.Select(r => r.Key.Start).ToArray(),
            batch.Select(r => r.Key.Metric).ToArray(),
            batch.Select(r => r.Key.Dimension).ToArray(),
            batch.Select(r => r.Sums.Count).ToArray(),
            batch.Select(r => r.Sums.Measure).ToArray(),
        ]);

    /// <summary>SQLite: a multi-row VALUES list, seven parameters a row.</summary>
    private static (string Sql, object[] Parameters) ValuesUpsert(List<(RollupKey Key, RollupSums Sums)> batch)
    {
        var sql = new StringBuilder(Insert).Append("VALUES ");
        var parameters = new object[batch.Count * 7];
        for (var i = 0; i < batch.Count; i++)
        {
            var (key, sums) = batch[i];
            var p = i * 7;
            sql.Append(i == 0 ? "" : ",").Append('(')
                .Append('{').Append(p).Append("},{").Append(p + 1).Append("},{").Append(p + 2).Append("},{")
                .Append(p + 3).Append("},{").Append(p + 4).Append("},{").Append(p + 5).Append("},{").Append(p + 6).Append("})");
            parameters[p] = key.UnitCode;
            parameters[p + 1] = (short)key.Period;
            parameters[p + 2] = key.Start;
            parameters[p + 3] = key.Metric;
            parameters[p + 4] = key.Dimension;
            parameters[p + 5] = sums.Count;
            parameters[p + 6] = sums.Measure;
        }

        return (sql.Append(AddToExisting).ToString(), parameters);
    }

    /// <summary>New facts of alerting metrics: those the current values have and the original values had not.</summary>
    private void CollectAlerts(NigehbanDbContext db, IMetricSource source, object entity, List<MetricFact> before, List<MetricFact> after)
    {
        foreach (var fact in after)
        {
            var definition = MetricCatalog.Find(fact.Metric);
            if (definition is not { Alert: true }
                || (definition.Dimension is null ? fact.Dimension.Length != 0 : fact.Dimension.Length == 0)
                || before.Any(b => b.Metric == fact.Metric && b.Dimension == fact.Dimension))
            {
                continue;
            }

            var path = entity is IUnitOwned owned ? owned.UnitPath : levels.Units.Find(fact.UnitCode)?.Path ?? "";
            var alert = new DashboardAlert(fact.Metric, fact.UnitCode, path, levels.Clock.GetUtcNow(), source.ReferenceOf(entity),
                fact.Dimension.Length == 0 ? null : fact.Dimension);
            alerts.Add(db, alert);
        }
    }

    /// <summary>Publishes a context's alerts once its transaction commits, and drops them if it does not.</summary>
    public sealed class PublishAlertsAfterCommit(DashboardSignals signals) : AfterCommitInterceptor<List<DashboardAlert>>
    {
        public void Add(DbContext context, DashboardAlert alert)
        {
            var pending = PendingFor(context);
            lock (pending)
            {
                pending.Add(alert);
            }
        }

        protected override void Release(DbContext context, List<DashboardAlert> pending)
        {
            lock (pending)
            {
                foreach (var alert in pending)
                {
                    signals.Publish(alert);
                }
            }
        }
    }
}
