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
/// pack), against the ceiling of a plain insert of the same rows in the same run: as many
/// clients, each inserting one row per statement in autocommit, straight through the ADO.NET
/// provider into a table with the same columns as <c>service_requests</c> and no keys or indexes.
/// The app's side pays for what the ceiling skips: HTTP and JSON, validation, the reference
/// counter, the timeline step, the queued SMS and the audit event appended to the hash chain, in
/// one transaction.
/// </summary>
public sealed class SubmissionScenario : IScenario
{
    private const string PlainTable = "bench_plain_service_requests";
    private KhidmatLoad _load = null!;

    public string Name => "submission";

    public string Measures => "POST /api/v1/service-requests (online, anonymous, generated citizens); ceiling: a plain INSERT of the same rows by as many clients, autocommit";

    public int? DefaultClients => 64;

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        _load = await KhidmatLoad.CreateAsync(context, start: 0, cancellationToken);
        var (error, reference) = await KhidmatLoad.SubmitAsync(context.Http, _load.Next(new DeterministicRandom(context.Options.Seed, "submission/setup")), cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException($"a first application failed: {error}");
        }

        await using (var connection = OpenConnection(context.Target))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {PlainTable}", cancellationToken);
            await ExecuteAsync(connection, context.Target.Provider == DatabaseProvider.Postgres
                ? $"""
                   CREATE TABLE {PlainTable} (id uuid, reference varchar(32), service_code varchar(64), unit_code varchar(40), unit_path varchar(400),
                     channel varchar(16), status varchar(32), national_id text, name text, father_name text, phone text, address text,
                     submitted_at timestamptz, due_at timestamptz, fee_amount numeric(12,2), fee_currency varchar(3), version integer)
                   """
                : $"""
                   CREATE TABLE {PlainTable} (id TEXT, reference TEXT, service_code TEXT, unit_code TEXT, unit_path TEXT,
                     channel TEXT, status TEXT, national_id TEXT, name TEXT, father_name TEXT, phone TEXT, address TEXT,
                     submitted_at INTEGER, due_at INTEGER, fee_amount TEXT, fee_currency TEXT, version INTEGER)
                   """, cancellationToken);
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
        var insert = $"""
            INSERT INTO {PlainTable} (id, reference, service_code, unit_code, unit_path, channel, status, national_id, name, father_name, phone, address,
              submitted_at, due_at, fee_amount, fee_currency, version)
            VALUES (@id, @reference, @service, @unit, @path, 'Online', 'Submitted', @nationalId, @name, @father, @phone, @address, @submitted, @due, @fee, 'PKR', 0)
            """;

        async Task<string?> PlainInsertAsync(DeterministicRandom random, CancellationToken token)
        {
            var application = _load.Next(random);
            var n = Interlocked.Increment(ref plainReference);
            await using var connection = dataSource is not null ? dataSource.CreateConnection() : OpenConnection(target);
            await connection.OpenAsync(token);
            if (connection is SqliteConnection)
            {
                // The app's pragmas, on every open as the app sets them: durability is part of the ceiling.
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;", token);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = insert;
            var now = DateTimeOffset.UtcNow;
            var postgres = connection is NpgsqlConnection;
            Add(command, "id", postgres ? Guid.CreateVersion7() : Guid.CreateVersion7().ToString());
            Add(command, "reference", string.Create(CultureInfo.InvariantCulture, $"BENCH-{n:0000000}"));
            Add(command, "service", application.ServiceCode);
            Add(command, "unit", application.UnitCode);
            Add(command, "path", application.UnitPath);
            Add(command, "nationalId", application.Person.NationalId);
            Add(command, "name", application.Person.Name);
            Add(command, "father", application.Person.FatherName);
            Add(command, "phone", application.Phone);
            Add(command, "address", application.Address);
            Add(command, "submitted", postgres ? now : now.UtcTicks);
            Add(command, "due", postgres ? now.AddDays(7) : now.AddDays(7).UtcTicks);
            Add(command, "fee", postgres ? 500m : "500.00");
            return await command.ExecuteNonQueryAsync(token) == 1 ? null : "the plain insert wrote no row";
        }

        async Task<string?> SubmitAsync(DeterministicRandom random, CancellationToken token) =>
            (await KhidmatLoad.SubmitAsync(context.Http, _load.Next(random), token)).Error;

        return
        [
            await context.CompareAsync("submission",
                load => Relabel(load.RunAsync("plain-insert", PlainInsertAsync, cancellationToken), "plain INSERT", "rows/s"),
                load => Relabel(load.RunAsync("submission", SubmitAsync, cancellationToken), "submission", "req/s")),
        ];
    }

    private static async Task<Measurement> Relabel(Task<Measurement> measuring, string label, string unit) =>
        await measuring with { Label = label, Unit = unit };

    private static DbConnection OpenConnection(BenchTarget target) => target.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(target.ConnectionString)
        : new SqliteConnection(target.ConnectionString);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
