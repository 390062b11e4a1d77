using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// The ceiling a write path is measured against: the same rows written by hand-written INSERTs, as
/// cheaply as each database allows, with the app's durability settings. Each statement takes the
/// named values it mentions (<c>@name,</c> or <c>@name)</c>).
/// </summary>
internal static class PlainInsertCeiling
{
    /// <summary>Writes one unit of work's rows; null when every statement wrote its row, otherwise what went wrong.</summary>
    public static async Task<string?> WriteAsync(
        NpgsqlDataSource? dataSource, string sqliteConnectionString, string[] statements, IReadOnlyDictionary<string, object> values, CancellationToken token)
    {
        if (dataSource is not null)
        {
            // One batch without a transaction object: PostgreSQL runs it as one implicit
            // transaction, sent and committed in one round trip — the least a store of these rows can cost.
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var sql in statements)
            {
                var command = new NpgsqlBatchCommand(sql);
                foreach (var (name, value) in values.Where(v => Mentions(sql, v.Key)))
                {
                    command.Parameters.AddWithValue(name, value);
                }

                batch.BatchCommands.Add(command);
            }

            return await batch.ExecuteNonQueryAsync(token) == statements.Length ? null : "the plain insert did not write every row";
        }

        await using var sqlite = new SqliteConnection(sqliteConnectionString);
        await sqlite.OpenAsync(token);
        // The app's pragmas, on every open as the app sets them: durability is part of the ceiling.
        await ExecuteAsync(sqlite, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;", token);
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(token);
        var written = 0;
        foreach (var sql in statements)
        {
            await using var command = sqlite.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in values.Where(v => Mentions(sql, v.Key)))
            {
                // Stored as the app's SQLite provider stores them.
                command.Parameters.AddWithValue(name, value switch
                {
                    Guid g => g.ToString(),
                    DateTimeOffset t => t.UtcTicks,
                    decimal d => d.ToString(CultureInfo.InvariantCulture),
                    _ => value,
                });
            }

            written += await command.ExecuteNonQueryAsync(token);
        }

        await transaction.CommitAsync(token);
        return written == statements.Length ? null : "the plain insert did not write every row";
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool Mentions(string sql, string name) =>
        sql.Contains("@" + name + ",", StringComparison.Ordinal) || sql.Contains("@" + name + ")", StringComparison.Ordinal);
}
