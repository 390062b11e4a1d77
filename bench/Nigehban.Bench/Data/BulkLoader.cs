using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Nigehban.Bench.Data;

/// <summary>
/// The fastest honest way each provider takes many rows: SQLite, one transaction with one
/// prepared INSERT; PostgreSQL, binary COPY. The same loader writes the ceiling (a plain table
/// with the same columns and no constraints or indexes), so the two differ only in the table.
/// </summary>
public abstract class BulkLoader
{
    public abstract string Method { get; }

    public abstract Task<long> LoadAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken);

    public abstract Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    public abstract Task<long> CountAsync(string table, CancellationToken cancellationToken);

    public abstract Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken);

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A table with the same column names and types as <paramref name="like"/>, and nothing else.</summary>
    public Task CreatePlainTableAsync<T>(BulkTable<T> like, string name, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP TABLE IF EXISTS {Quote(name)}; CREATE TABLE {Quote(name)} ({string.Join(", ", like.Columns.Select(c => $"{Quote(c.Name)} {c.StoreType}"))})", cancellationToken);

    public Task DropTableAsync(string name, CancellationToken cancellationToken) => ExecuteAsync($"DROP TABLE IF EXISTS {Quote(name)}", cancellationToken);

    /// <summary>Back to an empty table with fresh storage, between repeated measurements.</summary>
    public abstract Task EmptyTableAsync(string name, CancellationToken cancellationToken);

    protected static string ColumnList<T>(BulkTable<T> table) => string.Join(", ", table.Columns.Select(c => Quote(c.Name)));

    public static BulkLoader For(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => new SqliteBulkLoader(sqlite),
        NpgsqlConnection npgsql => new PostgresBulkLoader(npgsql),
        _ => throw new NotSupportedException($"No bulk loader for {connection.GetType().Name}."),
    };
}

public sealed class SqliteBulkLoader(SqliteConnection connection) : BulkLoader
{
    public override string Method => "prepared INSERT, one transaction";

    public override Task<long> LoadAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite's async methods run synchronously anyway; the plain calls avoid their overhead.
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({ColumnList(table)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = new DbParameter[table.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var column = table.Columns[i];
            parameters[i] = column.Mapping?.CreateParameter(command, $"$p{i}", null, column.Nullable) ?? new SqliteParameter { ParameterName = $"$p{i}" };
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].Value(row) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            count++;
            if ((count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        transaction.Commit();
        return Task.FromResult(count);
    }

    /// <summary>SQLite turns an unqualified DELETE into a truncation of the table's pages.</summary>
    public override Task EmptyTableAsync(string name, CancellationToken cancellationToken) => ExecuteAsync($"DELETE FROM {Quote(name)}", cancellationToken);

    public override Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public override Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Task.FromResult(command.ExecuteScalar());
    }

    public override Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class PostgresBulkLoader(NpgsqlConnection connection) : BulkLoader
{
    public override string Method => "binary COPY";

    public override async Task<long> LoadAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {Quote(table.Name)} ({ColumnList(table)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long count = 0;
        foreach (var row in rows)
        {
            // The synchronous writes only buffer; Npgsql flushes when its buffer fills.
            writer.StartRow();
            foreach (var column in table.Columns)
            {
                Write(writer, column.Value(row));
            }

            count++;
            if ((count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    /// <summary>Binary COPY carries no type names: each value is written in the binary form of its column's type.</summary>
    private static void Write(NpgsqlBinaryImporter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case string s:
                writer.Write(s, NpgsqlDbType.Text);
                break;
            case Guid g:
                writer.Write(g, NpgsqlDbType.Uuid);
                break;
            case int i:
                writer.Write(i, NpgsqlDbType.Integer);
                break;
            case long l:
                writer.Write(l, NpgsqlDbType.Bigint);
                break;
            case short h:
                writer.Write(h, NpgsqlDbType.Smallint);
                break;
            case bool b:
                writer.Write(b, NpgsqlDbType.Boolean);
                break;
            case DateTimeOffset t:
                writer.Write(t.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                break;
            case decimal m:
                writer.Write(m, NpgsqlDbType.Numeric);
                break;
            case double d:
                writer.Write(d, NpgsqlDbType.Double);
                break;
            case byte[] bytes:
                writer.Write(bytes, NpgsqlDbType.Bytea);
                break;
            default:
                throw new NotSupportedException($"The bench cannot COPY a value of type {value.GetType().Name}.");
        }
    }

    /// <summary>TRUNCATE, not DELETE: a DELETE leaves dead rows and index entries that the next load would pay for.</summary>
    public override Task EmptyTableAsync(string name, CancellationToken cancellationToken) => ExecuteAsync($"TRUNCATE {Quote(name)}", cancellationToken);

    public override async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public override async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {Quote(table)}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
