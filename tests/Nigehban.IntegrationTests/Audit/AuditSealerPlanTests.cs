using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Npgsql;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>
/// The sealer's queries run every pass, prepared (ADR-013), so PostgreSQL soon plans them once for
/// any parameters: a generic plan. For "is this event sealed?" asked with EXISTS, that plan hashed the
/// whole seal table on every pass, a cost that grows with the trail (ADR-018). Each query is planned
/// here the way PostgreSQL plans it then, against 50,000 events and seals in temporary tables of the
/// same shape, and must reach the seal table through its index. PostgreSQL only: SQLite has no
/// generic plans and never hashes a subquery.
/// </summary>
public sealed partial class AuditSealerPlanTests(PostgresApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Events = 50_000;

    [Fact]
    public async Task ANewBatch_ProbesTheSealIndex_InTheGenericPlan()
    {
        var plan = await GenericPlanAsync(db => AuditSealer.NewEvents(db, Events - 300, []).ToQueryString(), $"{Events - 300}");

        ProbesTheSealIndex(plan);
    }

    [Fact]
    public async Task ANewBatchWithHoles_ProbesTheSealIndex_InTheGenericPlan()
    {
        var plan = await GenericPlanAsync(db => AuditSealer.NewEvents(db, Events - 300, [17, 4_000]).ToQueryString(), $"{Events - 300}", "ARRAY[17, 4000]::bigint[]");

        ProbesTheSealIndex(plan);
    }

    [Fact]
    public async Task TheRecheckUnderTheLock_ProbesTheSealIndex_InTheGenericPlan()
    {
        var plan = await GenericPlanAsync(db => AuditSealer.Unsealed(db, [Events - 2, Events - 1]).ToQueryString(), $"ARRAY[{Events - 2}, {Events - 1}]::bigint[]");

        ProbesTheSealIndex(plan);
    }

    [Fact]
    public async Task AskedWithExists_TheSameBatch_HashesTheWholeSealTable()
    {
        // The shape the sealer used before: the data here is enough to make PostgreSQL choose the hash.
        var plan = await GenericPlanAsync(
            // (Without the jurisdiction filter, as the sealer reads the trail: ADR-024.)
            db => db.Set<AuditEvent>().IgnoreQueryFilters().Where(e => e.Id > Events - 300).OrderBy(e => e.Id).Take(AuditSealer.BatchSize)
                .Select(e => new { e.Id, Sealed = db.Set<AuditSeal>().Any(s => s.EventId == e.Id) }).ToQueryString());

        plan.ShouldContain("Seq Scan on audit_seals",
            customMessage: "this PostgreSQL no longer hashes EXISTS for this data, so the tests above no longer show the hazard: give them more rows");
    }

    private static void ProbesTheSealIndex(string plan)
    {
        plan.ShouldNotContain("Seq Scan on audit_seals");
        plan.ShouldMatch(@"Index (Only )?Scan using \S+ on audit_seals");
    }

    /// <summary>
    /// EF's SQL for a query, prepared against temporary copies of the audit tables holding
    /// <see cref="Events"/> events (all but the newest 100 sealed), and explained with
    /// <c>plan_cache_mode = force_generic_plan</c>; <paramref name="arguments"/> are SQL literals for
    /// the query's parameters, in order (the rest are taken from EF's own values).
    /// </summary>
    private async Task<string> GenericPlanAsync(Func<NigehbanDbContext, string> sqlOf, params string[] arguments)
    {
        var sql = await app.WithDbAsync(db => Task.FromResult(sqlOf(db)));

        // ToQueryString writes each parameter as a comment ("-- @name='value'") above the statement;
        // arrays are written otherwise, so their literals are given.
        var lines = sql.Split('\n');
        var declared = lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal))
            .Select(l => ParameterComment().Match(l)).Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value)).ToList();
        var positions = declared.Select((p, i) => (p.Name, i)).ToDictionary(p => p.Name, p => p.i + 1);
        var statement = ParameterReference().Replace(
            string.Join('\n', lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal))),
            m => positions.TryGetValue(m.Groups[1].Value, out var position) ? "$" + position : m.Value);
        var values = declared.Select((p, i) => i < arguments.Length ? arguments[i] : p.Value);

        // Unpooled: the temporary tables (which hide the real ones) and the prepared statement end with the connection.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, $"""
            CREATE TEMP TABLE audit_events (LIKE public.audit_events INCLUDING ALL);
            CREATE TEMP TABLE audit_seals (LIKE public.audit_seals INCLUDING ALL);
            INSERT INTO audit_events ("Id", "OccurredAt", "Action", "Outcome")
                SELECT i, now(), 'plan.probe', 'Success' FROM generate_series(1, {Events}) i;
            INSERT INTO audit_seals ("Sequence", "EventId", "PreviousHash", "Hash", "SealedAt")
                SELECT i, i, repeat('0', 64), repeat('0', 64), now() FROM generate_series(1, {Events - 100}) i;
            ANALYZE audit_events;
            ANALYZE audit_seals;
            PREPARE probe AS {statement};
            SET plan_cache_mode = force_generic_plan;
            """);
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE probe({string.Join(", ", values)})", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', plan.Prepend(statement));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    [GeneratedRegex(@"^-- @(\w+)='?([^' ]*)")]
    private static partial Regex ParameterComment();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterReference();
}
