using Microsoft.Data.Sqlite;
using Nigehban.Web.Platform.Data;
using Npgsql;

namespace Nigehban.Bench.Data;

public enum TargetState
{
    /// <summary>No database, or one with none of the app's rows: safe to fill.</summary>
    Empty,

    /// <summary>Made by the bench (it has <c>bench_meta</c>): safe to wipe and regenerate.</summary>
    Bench,

    /// <summary>Holds someone's data: the bench refuses to touch it.</summary>
    Foreign,
}

/// <summary>
/// The database the bench fills and the app serves from, and the data folder beside it (the
/// app keeps its data-protection keys there, which the bench staff's TOTP secrets depend on).
/// </summary>
public sealed record BenchTarget(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string MetaTable = "bench_meta";

    public static BenchTarget Resolve(BenchOptions options)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine("artifacts", "bench", $"sqlite-{options.Scale.Name}"));
            return new BenchTarget(DatabaseProvider.Sqlite,
                options.Connection ?? $"Data Source={Path.Combine(dataDirectory, "nigehban.db")}", dataDirectory);
        }

        if (string.IsNullOrWhiteSpace(options.Connection))
        {
            throw new BenchUsageException("--connection is required with --provider postgres (see bench/README.md).");
        }

        return new BenchTarget(DatabaseProvider.Postgres, options.Connection,
            Path.GetFullPath(options.DataDirectory ?? Path.Combine("artifacts", "bench", "postgres")));
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}"
        : $"PostgreSQL {DescribePostgres()}";

    private string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>What is there now, and for a bench database the scale and seed it was generated with.</summary>
    public async Task<(TargetState State, string? Generated)> InspectAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            if (!File.Exists(file))
            {
                return (TargetState.Empty, null);
            }

            await using var sqlite = new SqliteConnection(ConnectionString);
            await sqlite.OpenAsync(cancellationToken);
            return await InspectAsync(sqlite, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name", cancellationToken);
        }

        await EnsurePostgresDatabaseAsync(cancellationToken);
        await using var npgsql = new NpgsqlConnection(ConnectionString);
        await npgsql.OpenAsync(cancellationToken);
        return await InspectAsync(npgsql, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = @name", cancellationToken);
    }

    private static async Task<(TargetState, string?)> InspectAsync(System.Data.Common.DbConnection connection, string tableExistsSql, CancellationToken cancellationToken)
    {
        async Task<bool> TableExists(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = tableExistsSql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = tableExistsSql.Contains('$', StringComparison.Ordinal) ? "$name" : "name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }

        async Task<object?> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }

        if (await TableExists(MetaTable))
        {
            return (TargetState.Bench, await Scalar($"SELECT value FROM {MetaTable} WHERE key = 'generated'") as string);
        }

        foreach (var table in new[] { "units", "staff_accounts", "audit_events" })
        {
            if (await TableExists(table) && await Scalar($"SELECT 1 FROM {table} LIMIT 1") is not null)
            {
                return (TargetState.Foreign, null);
            }
        }

        return (TargetState.Empty, null);
    }

    /// <summary>Removes a bench database so it can be generated afresh. Only ever called on <see cref="TargetState.Bench"/>.</summary>
    public async Task WipeAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return;
        }

        await using var npgsql = new NpgsqlConnection(ConnectionString);
        await npgsql.OpenAsync(cancellationToken);
        // The audit table refuses DELETE and TRUNCATE by design; a bench database is dropped whole instead.
        await using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", npgsql);
        await command.ExecuteNonQueryAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Creates the named database on the server when it does not exist yet, so a fresh cluster needs no manual step.</summary>
    private async Task EnsurePostgresDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        try
        {
            await using var probe = new NpgsqlConnection(ConnectionString);
            await probe.OpenAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName && builder.Database is { } database)
        {
            var maintenance = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
            await using var admin = new NpgsqlConnection(maintenance.ConnectionString);
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {BulkLoader.Quote(database)}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>A mistake in how the bench was called: printed with the usage, exit code 2.</summary>
public sealed class BenchUsageException(string message) : Exception(message);
