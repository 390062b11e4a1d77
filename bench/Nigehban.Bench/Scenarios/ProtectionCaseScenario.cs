using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Features.Protection.OpenCase;
using Nigehban.Web.Features.Protection.ReadCase;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using Npgsql;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// Protection cases (issue 18), PostgreSQL only: a desk officer opening a case whose name, contact,
/// address and statement are sealed field by field, against a plain INSERT of the same rows (the
/// case, its first follow-up and the audit events, copied from a case the handler opened, so the
/// ciphertexts are as long); and the assigned officer reading one (access check, the read's audit
/// event committed, the fields opened), against a plain SELECT of the case with its follow-ups.
/// Both through the handlers in process, by <c>--clients</c> closed-loop clients.
/// </summary>
public sealed class ProtectionCaseScenario : IScenario
{
    private const string Plain = "bench_plain_";
    private const int Readable = 2_000;
    private static readonly string[] Tables = ["protection_cases", "protection_follow_ups", "audit_events"];

    private readonly List<string> _references = [];
    private readonly List<(string Sql, Dictionary<string, object> Values)> _template = [];
    private InProcessOfficer? _officer;
    private string _centre = "";
    private string[] _groups = [];
    private string[] _needs = [];

    public string Name => "protection-case";

    public string Measures => "opening a protected case (fields sealed) vs a plain INSERT of its rows; reading one (audited, fields opened) vs a plain SELECT of its rows";

    public int? DefaultClients => 64;

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var pack = context.AppServices.GetRequiredService<ProtectionPack>();
        var centre = pack.Centres.Count > 0 ? pack.Centres[0] : null;
        if (context.Target.Provider != DatabaseProvider.Postgres || centre is null)
        {
            context.Log("protection-case: PostgreSQL with a pack that has protection centres only (the budget is stated there); skipped");
            return;
        }

        var unit = context.AppServices.GetRequiredService<UnitDirectory>().Find(centre.UnitCode)!;
        _centre = centre.UnitCode;
        _groups = [.. pack.Groups.Take(1).Select(g => g.Code)];
        _needs = [.. pack.Needs.Take(2).Select(n => n.Code)];
        _officer = new InProcessOfficer("bench.protection", Guid.NewGuid(), unit.Code, unit.Path, [Permissions.ConsoleAccess, Permissions.ProtectionCasesWork]);

        await using var connection = new NpgsqlConnection(context.Target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var lastAudit = (long)(await Scalar(connection, "SELECT coalesce(max(\"Id\"), 0) FROM audit_events", cancellationToken))!;
        var first = await OpenAsync(context, 0, cancellationToken);
        var caseId = (Guid)(await Scalar(connection, $"SELECT \"Id\" FROM protection_cases WHERE \"Reference\" = '{first}'", cancellationToken))!;
        foreach (var table in Tables)
        {
            await PlainInsertCeiling.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Plain}{table}", cancellationToken);
            await PlainInsertCeiling.ExecuteAsync(connection, $"CREATE TABLE {Plain}{table} (LIKE {table})", cancellationToken);
        }

        // The rows that one opening wrote, as the template of the plain insert.
        await TemplateAsync(connection, "protection_cases", $"\"Id\" = '{caseId}'", cancellationToken);
        await TemplateAsync(connection, "protection_follow_ups", $"\"CaseId\" = '{caseId}'", cancellationToken);
        await TemplateAsync(connection, "audit_events", $"\"Id\" > {lastAudit}", cancellationToken);
        for (var i = 1; i <= Readable; i++)
        {
            _references.Add(await OpenAsync(context, i, cancellationToken));
        }

        context.Log($"protection-case: {_template.Count} rows a case opening writes; {_references.Count} cases opened at {_centre} to read");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (_officer is null)
        {
            return [];
        }

        await using var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(context.Target.ConnectionString)
        { MaxPoolSize = Math.Max(100, context.Options.Clients + 8) }.ConnectionString).Build();
        long opened = Readable;

        Task<string?> PlainInsertAsync(DeterministicRandom random, CancellationToken token)
        {
            var statements = _template.Select(t => t.Sql).ToArray();
            var values = new Dictionary<string, object>();
            foreach (var (_, row) in _template)
            {
                foreach (var (name, value) in row)
                {
                    values[name] = value is Guid ? Guid.CreateVersion7() : value;
                }
            }

            return PlainInsertCeiling.WriteAsync(dataSource, context.Target.ConnectionString, statements, values, token);
        }

        async Task<string?> PlainReadAsync(DeterministicRandom random, CancellationToken token)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT c.*, f.* FROM protection_cases c LEFT JOIN protection_follow_ups f ON f.\"CaseId\" = c.\"Id\" WHERE c.\"Reference\" = @p0");
            command.Parameters.AddWithValue("p0", _references[random.Next(_references.Count)]);
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? null : "the case was not found";
        }

        async Task<string?> ReadAsync(DeterministicRandom random, CancellationToken token)
        {
            var detail = await _officer.CallAsync(context.AppServices,
                services => services.GetRequiredService<ReadCaseHandler>().GetAsync(_references[random.Next(_references.Count)], token));
            return detail.Person is null ? "the assigned officer was not shown the person" : null;
        }

        var open = await context.CompareAsync("protected case opened",
            load => load.RunAsync("plain INSERT of its rows", PlainInsertAsync, cancellationToken),
            load => load.RunAsync("case opened (handler)", async (_, token) => { await OpenAsync(context, Interlocked.Increment(ref opened), token); return null; }, cancellationToken));
        var read = await context.CompareAsync("protected case read",
            load => load.RunAsync("plain SELECT of its rows", PlainReadAsync, cancellationToken),
            load => load.RunAsync("case read (handler)", ReadAsync, cancellationToken));
        return [open, read];
    }

    private async Task<string> OpenAsync(BenchContext context, long n, CancellationToken cancellationToken)
    {
        var command = new OpenCaseCommand(_centre, _groups, _needs, Anonymous: false,
            Name: $"Generated Person {n}", Contact: $"0300{n % 10_000_000:0000000}", Address: $"House {n}, Street {n % 97}, Generated Town",
            Statement: "Generated statement of the bench: the person asks for legal advice and counselling after a dispute at home, and for a call back in the evening.");
        var opened = await _officer!.CallAsync(context.AppServices, services => services.GetRequiredService<OpenCaseHandler>().HandleAsync(command, cancellationToken));
        return opened.Reference;
    }

    private async Task TemplateAsync(NpgsqlConnection connection, string table, string where, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT * FROM {table} WHERE {where}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new Dictionary<string, object>();
            var columns = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = $"t{_template.Count}c{i}";
                columns.Add(name);
                values[name] = reader.GetValue(i);
            }

            var names = string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i => $"\"{reader.GetName(i)}\""));
            _template.Add(($"INSERT INTO {Plain}{table} ({names}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})", values));
        }
    }

    private static async Task<object?> Scalar(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
