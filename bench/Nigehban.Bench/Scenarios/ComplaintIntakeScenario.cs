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
/// Complaints filed online, <c>POST /api/v1/complaints</c> (anonymous, a fresh Idempotency-Key, a
/// different generated citizen each time, categories and stations or districts spread over the
/// pack), against the ceiling of a plain insert of the same rows in the same run, as the
/// submission scenario measures applications: as many clients, each writing one complaint's rows —
/// the complaint, its first timeline step, its SMS in the outbox and its two audit events — in one
/// transaction sent in one round trip, into tables with the same columns and no keys or indexes.
/// </summary>
public sealed class ComplaintIntakeScenario : IScenario
{
    private const string Plain = "bench_plain_";
    private ComplaintLoad _load = null!;

    public string Name => "complaint-intake";

    public string Measures => "POST /api/v1/complaints (online, anonymous, generated citizens); ceiling: a plain INSERT of each complaint's rows (complaint, step, SMS, 2 audit events) in one transaction, by as many clients";

    public int? DefaultClients => 64;

    /// <summary>The ceiling's tables: the columns the app's tables have, no keys, no indexes.</summary>
    private static readonly (string Table, string Postgres, string Sqlite)[] PlainTables =
    [
        ("station_complaints",
            "id uuid, reference varchar(32), category_code varchar(40), description varchar(4000), incident_at timestamptz, location_text varchar(300), complainant_name varchar(120), complainant_phone varchar(20), complainant_national_id varchar(32), language varchar(10), channel varchar(16), unit_code varchar(40), unit_path varchar(400), status varchar(16), received_at timestamptz, stage_started_at timestamptz, stage_due_at timestamptz, next_escalation_at timestamptz, escalation_level integer, idempotency_key varchar(100), idempotency_request_hash varchar(64), version integer",
            "id TEXT, reference TEXT, category_code TEXT, description TEXT, incident_at INTEGER, location_text TEXT, complainant_name TEXT, complainant_phone TEXT, complainant_national_id TEXT, language TEXT, channel TEXT, unit_code TEXT, unit_path TEXT, status TEXT, received_at INTEGER, stage_started_at INTEGER, stage_due_at INTEGER, next_escalation_at INTEGER, escalation_level INTEGER, idempotency_key TEXT, idempotency_request_hash TEXT, version INTEGER"),
        ("station_complaint_steps",
            "id uuid, complaint_id uuid, event varchar(32), at timestamptz, actor varchar(100), note varchar(1100)",
            "id TEXT, complaint_id TEXT, event TEXT, at INTEGER, actor TEXT, note TEXT"),
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
        INSERT INTO {Plain}station_complaints (id, reference, category_code, description, incident_at, location_text, complainant_name, complainant_phone,
          complainant_national_id, language, channel, unit_code, unit_path, status, received_at, stage_started_at, stage_due_at, next_escalation_at,
          escalation_level, idempotency_key, idempotency_request_hash, version)
        VALUES (@id, @reference, @category, @description, @incident, @location, @name, @phone, @nationalId, 'en', 'Online', @unit, @path, 'Received',
          @submitted, @submitted, @due, @due, 0, @key, @hash, 0)
        """,
        $"INSERT INTO {Plain}station_complaint_steps (id, complaint_id, event, at, actor, note) VALUES (@stepId, @id, 'Received', @submitted, 'citizen (online)', 'online')",
        $"INSERT INTO {Plain}outbox_messages (id, kind, recipient, payload, created_at, attempts, next_attempt_at) VALUES (@smsId, 'sms', @phone, @sms, @submitted, 0, @submitted)",
        $"INSERT INTO {Plain}audit_events (occurred_at, actor_id, actor_name, action, object_type, object_id, unit_path, outcome, ip_address, details) VALUES (@submitted, NULL, 'anonymous', 'StationComplaint.created', 'StationComplaint', @idText, @path, 'Success', '127.0.0.1', NULL)",
        $"INSERT INTO {Plain}audit_events (occurred_at, actor_id, actor_name, action, object_type, object_id, unit_path, outcome, ip_address, details) VALUES (@submitted, NULL, 'anonymous', 'ComplaintStep.created', 'ComplaintStep', @stepIdText, NULL, 'Success', '127.0.0.1', NULL)",
    ];

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        _load = await ComplaintLoad.CreateAsync(context, start: 300_000, cancellationToken);
        var (error, reference) = await ComplaintLoad.FileAsync(context.Http, _load.Next(new DeterministicRandom(context.Options.Seed, "complaint-intake/setup")), cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException($"a first complaint failed: {error}");
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

        context.Log($"complaint-intake: {_load.CategoryCount} categories; first reference {reference}");
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
            var complaint = _load.Next(random);
            var n = Interlocked.Increment(ref plainReference);
            var now = DateTimeOffset.UtcNow;
            var id = Guid.CreateVersion7();
            var stepId = Guid.CreateVersion7();
            var reference = string.Create(CultureInfo.InvariantCulture, $"BENCH-{n:0000000}");
            var sms = $$"""{"text":"Nigehban: your complaint {{reference}} was received. Follow it online with this reference and your phone number.","reference":"{{reference}}"}""";
            var values = new Dictionary<string, object>
            {
                ["id"] = id, ["stepId"] = stepId, ["smsId"] = Guid.CreateVersion7(), ["idText"] = id.ToString(), ["stepIdText"] = stepId.ToString(),
                ["reference"] = reference, ["category"] = complaint.Category, ["description"] = GeneratedComplaint.Description,
                ["incident"] = now.AddHours(-3), ["location"] = "Main market, gate 2", ["unit"] = complaint.UnitCode, ["path"] = complaint.UnitPath,
                ["nationalId"] = complaint.NationalId, ["name"] = complaint.Name, ["phone"] = complaint.Phone, ["submitted"] = now, ["due"] = now.AddDays(1),
                ["key"] = Guid.CreateVersion7().ToString("N"), ["hash"] = new string('0', 64), ["sms"] = sms,
            };

            return await PlainInsertCeiling.WriteAsync(dataSource, target.ConnectionString, PlainInserts, values, token);
        }

        async Task<string?> FileAsync(DeterministicRandom random, CancellationToken token) =>
            (await ComplaintLoad.FileAsync(context.Http, _load.Next(random), token)).Error;

        // What a window left for the background to do is reported, and done before the next
        // window, so that no window is measured while deferring work or paying for another's.
        async Task<Measurement> FileAndDrainAsync(LoadGenerator load)
        {
            var measured = await Relabel(load.RunAsync("complaint-intake", FileAsync, cancellationToken), "complaint intake", "req/s");
            var left = await ServiceCentreLoad.UndeliveredAsync(context, cancellationToken);
            var drained = await ServiceCentreLoad.WaitForOutboxAsync(context, cancellationToken);
            context.Log($"complaint-intake window left {left:#,0} SMS undelivered ({left / Math.Max(1, measured.PerSecond):0.0} s of submissions), delivered in {drained.TotalSeconds:0.0} s");
            return measured;
        }

        Task<Measurement> PlainAsync(LoadGenerator load) =>
            Relabel(load.RunAsync("plain-insert", PlainInsertAsync, cancellationToken), "plain INSERT of its rows", "complaints/s");

        return [await context.CompareAsync("complaint intake", PlainAsync, FileAndDrainAsync)];
    }

    private static async Task<Measurement> Relabel(Task<Measurement> measuring, string label, string unit) =>
        await measuring with { Label = label, Unit = unit };

    private static DbConnection OpenConnection(BenchTarget target) => target.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(target.ConnectionString)
        : new SqliteConnection(target.ConnectionString);

}
