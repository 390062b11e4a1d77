using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Nigehban.Bench.Data;
using Nigehban.Bench.Load;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Platform.Data;
using Npgsql;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// Citizens' online applications, <c>POST /api/v1/service-requests</c> (anonymous, a fresh
/// Idempotency-Key, a different generated citizen each time, services and centres spread over the
/// pack), against the ceiling of a plain insert of the same rows in the same run: as many clients,
/// each writing one application's rows — the application, its first timeline step, its SMS in the
/// outbox and its two audit events — in one transaction sent in one round trip, straight through
/// the ADO.NET provider into tables with the same columns and no keys or indexes (ADR-014 says why
/// these rows). The app's side pays for what the ceiling skips: HTTP and JSON, validation, the
/// reference number, the indexes and unique checks, the dashboard rollups, and the background work
/// each application causes (sealing its audit events into the hash chain, delivering its SMS).
/// </summary>
public sealed class SubmissionScenario : IScenario
{
    private const string Plain = "bench_plain_";
    private ServiceCentreLoad _load = null!;

    public string Name => "submission";

    public string Measures => "POST /api/v1/service-requests (online, anonymous, generated citizens); ceiling: a plain INSERT of each application's rows (application, step, SMS, 2 audit events) in one transaction, by as many clients";

    public int? DefaultClients => 64;

    /// <summary>
    /// The rate of the budget "≥ 1,500 applications/s with p99 ≤ 50 ms" (DESIGN.md): its p99 is
    /// measured with the clients sending at this rate (ADR-019); <c>--rate</c> overrides it.
    /// </summary>
    private const double BudgetRate = 1_500;

    /// <summary>The ceiling's tables: the columns the app's tables have, no keys, no indexes.</summary>
    private static readonly (string Table, string Postgres, string Sqlite)[] PlainTables =
    [
        ("service_requests",
            "id uuid, reference varchar(32), service_code varchar(64), unit_code varchar(40), unit_path varchar(400), channel varchar(16), status varchar(32), national_id text, name text, parent_name text, phone text, address text, submitted_at timestamptz, due_at timestamptz, fee_amount numeric(12,2), fee_currency varchar(3), idempotency_key varchar(100), version integer",
            "id TEXT, reference TEXT, service_code TEXT, unit_code TEXT, unit_path TEXT, channel TEXT, status TEXT, national_id TEXT, name TEXT, parent_name TEXT, phone TEXT, address TEXT, submitted_at INTEGER, due_at INTEGER, fee_amount TEXT, fee_currency TEXT, idempotency_key TEXT, version INTEGER"),
        ("service_request_steps",
            "id uuid, service_request_id uuid, from_status varchar(32), to_status varchar(32), at timestamptz, actor varchar(100), note varchar(1000)",
            "id TEXT, service_request_id TEXT, from_status TEXT, to_status TEXT, at INTEGER, actor TEXT, note TEXT"),
        ("outbox_messages",
            "id uuid, kind varchar(32), recipient varchar(320), payload text, created_at timestamptz, attempts integer, next_attempt_at timestamptz",
            "id TEXT, kind TEXT, recipient TEXT, payload TEXT, created_at INTEGER, attempts INTEGER, next_attempt_at INTEGER"),
        ("audit_events",
            "occurred_at timestamptz, actor_id uuid, actor_name varchar(100), action varchar(100), object_type varchar(100), object_id varchar(200), unit_path varchar(400), outcome varchar(16), ip_address varchar(64), details text",
            "occurred_at INTEGER, actor_id TEXT, actor_name TEXT, action TEXT, object_type TEXT, object_id TEXT, unit_path TEXT, outcome TEXT, ip_address TEXT, details TEXT"),
    ];

    private static readonly string[] PlainInserts =
    [
        $"""
        INSERT INTO {Plain}service_requests (id, reference, service_code, unit_code, unit_path, channel, status, national_id, name, parent_name, phone, address,
          submitted_at, due_at, fee_amount, fee_currency, idempotency_key, version)
        VALUES (@id, @reference, @service, @unit, @path, 'Online', 'Submitted', @nationalId, @name, @father, @phone, @address, @submitted, @due, @fee, 'PKR', @key, 0)
        """,
        $"INSERT INTO {Plain}service_request_steps (id, service_request_id, from_status, to_status, at, actor, note) VALUES (@stepId, @id, NULL, 'Submitted', @submitted, 'citizen (online)', 'Submitted via online')",
        $"INSERT INTO {Plain}outbox_messages (id, kind, recipient, payload, created_at, attempts, next_attempt_at) VALUES (@smsId, 'sms', @phone, @sms, @submitted, 0, @submitted)",
        $"INSERT INTO {Plain}audit_events (occurred_at, actor_id, actor_name, action, object_type, object_id, unit_path, outcome, ip_address, details) VALUES (@submitted, NULL, 'anonymous', 'ServiceRequest.created', 'ServiceRequest', @idText, @path, 'Success', '127.0.0.1', NULL)",
        $"INSERT INTO {Plain}audit_events (occurred_at, actor_id, actor_name, action, object_type, object_id, unit_path, outcome, ip_address, details) VALUES (@submitted, NULL, 'anonymous', 'ServiceRequestStep.created', 'ServiceRequestStep', @stepIdText, NULL, 'Success', '127.0.0.1', NULL)",
    ];

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        _load = await ServiceCentreLoad.CreateAsync(context, start: 0, cancellationToken);
        var (error, reference) = await ServiceCentreLoad.SubmitAsync(context.Http, _load.Next(new DeterministicRandom(context.Options.Seed, "submission/setup")), cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException($"a first application failed: {error}");
        }

        await using (var connection = OpenConnection(context.Target))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var (table, postgres, sqlite) in PlainTables)
            {
                await PlainInsertCeiling.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Plain}{table}", cancellationToken);
                await PlainInsertCeiling.ExecuteAsync(connection, $"CREATE TABLE {Plain}{table} ({(context.Target.Provider == DatabaseProvider.Postgres ? postgres : sqlite)})", cancellationToken);
            }
        }

        context.Log($"submission: {_load.ServiceCount} services offered online, {_load.CentreCount} centres (districts and stations); first reference {reference}");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var target = context.Target;
        await using var dataSource = target.Provider == DatabaseProvider.Postgres
            ? new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(target.ConnectionString) { MaxPoolSize = Math.Max(100, context.Options.Clients + 8) }.ConnectionString).Build()
            : null;
        long plainReference = 0;

        async Task<string?> PlainInsertAsync(DeterministicRandom random, CancellationToken token)
        {
            var application = _load.Next(random);
            var n = Interlocked.Increment(ref plainReference);
            var now = DateTimeOffset.UtcNow;
            var id = Guid.CreateVersion7();
            var stepId = Guid.CreateVersion7();
            var reference = string.Create(CultureInfo.InvariantCulture, $"BENCH-{n:0000000}");
            var sms = $$"""{"text":"Nigehban: your application {{reference}} for a police service was received. Due by {{now.AddDays(7):yyyy-MM-dd}}. Track it with your reference and ID number.","reference":"{{reference}}"}""";
            var values = new Dictionary<string, object>
            {
                ["id"] = id, ["stepId"] = stepId, ["smsId"] = Guid.CreateVersion7(), ["idText"] = id.ToString(), ["stepIdText"] = stepId.ToString(),
                ["reference"] = reference, ["service"] = application.ServiceCode, ["unit"] = application.UnitCode, ["path"] = application.UnitPath,
                ["nationalId"] = application.Person.NationalId, ["name"] = application.Person.Name, ["father"] = application.Person.ParentName,
                ["phone"] = application.Phone, ["address"] = application.Address, ["submitted"] = now, ["due"] = now.AddDays(7), ["fee"] = 500m,
                ["key"] = Guid.CreateVersion7().ToString("N"), ["sms"] = sms,
            };

            return await PlainInsertCeiling.WriteAsync(dataSource, target.ConnectionString, PlainInserts, values, token);
        }

        async Task<string?> SubmitAsync(DeterministicRandom random, CancellationToken token) =>
            (await ServiceCentreLoad.SubmitAsync(context.Http, _load.Next(random), token)).Error;

        // What a window left for the background to do is reported, and done before the next
        // window, so that no window is measured while deferring work or paying for another's.
        async Task<Measurement> SubmitAndDrainAsync(LoadGenerator load)
        {
            var measured = await Relabel(load.RunAsync("submission", SubmitAsync, cancellationToken), "submission", "req/s");
            var left = await ServiceCentreLoad.UndeliveredAsync(context, cancellationToken);
            var drained = await ServiceCentreLoad.WaitForOutboxAsync(context, cancellationToken);
            context.Log($"submission window left {left:#,0} SMS undelivered ({left / Math.Max(1, measured.PerSecond):0.0} s of submissions), delivered in {drained.TotalSeconds:0.0} s");
            return measured;
        }

        Task<Measurement> PlainAsync(LoadGenerator load) =>
            Relabel(load.RunAsync("plain-insert", PlainInsertAsync, cancellationToken), "plain INSERT of its rows", "applications/s");

        var results = new List<BenchResult> { await context.CompareAsync("submission", PlainAsync, SubmitAndDrainAsync) };

        // The budget's rate is PostgreSQL's; SQLite answers far fewer a second, so a pass there would
        // measure a growing backlog for minutes. --rate asks for it on either.
        if (context.Options.Rate is null && target.Provider != DatabaseProvider.Postgres)
        {
            context.Log($"submission: latency at {BudgetRate:#,0}/s is the PostgreSQL budget's; pass --rate to measure it on {target.Provider}");
            return results;
        }

        var rate = context.Options.Rate ?? BudgetRate;
        results.Add(await context.CompareAtRateAsync(string.Create(CultureInfo.InvariantCulture, $"submission at {rate:#,0}/s"), rate, PlainAsync, SubmitAndDrainAsync));
        return results;
    }

    private static async Task<Measurement> Relabel(Task<Measurement> measuring, string label, string unit) =>
        await measuring with { Label = label, Unit = unit };

    private static DbConnection OpenConnection(BenchTarget target) => target.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(target.ConnectionString)
        : new SqliteConnection(target.ConnectionString);

}
