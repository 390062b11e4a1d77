using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Platform.Data;

public static class DatabaseRegistration
{
    public const string SqliteMigrationsAssembly = "Nigehban.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Nigehban.Migrations.Postgres";

    public static IServiceCollection AddNigehbanDatabase(this IServiceCollection services)
    {
        RegisterMigrationAssemblyResolver();

        // Options are read when first resolved, not now, so hosts and tests can still change configuration.
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        // Pooled contexts (ADR-012): building a context's EF services and its options costs a public
        // read more than its query does. The pool's contexts are bound to the request's jurisdiction
        // scope and audit trail when rented; disposing the scope hands the context back.
        services.AddPooledDbContextFactory<NigehbanDbContext>(
            (sp, builder) => Configure(builder, sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<StorageOptions>(), sp.GetServices<IInterceptor>()));
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<NigehbanDbContext>>().CreateDbContext();
            db.Bind(sp.GetRequiredService<JurisdictionScope>(), sp.GetRequiredService<AuditTrail>());
            return db;
        });
        services.AddSingleton<GroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());
        return services;
    }

    /// <param name="moduleInterceptors">
    /// The EF interceptors modules registered (<c>services.AddSingleton&lt;IInterceptor&gt;(...)</c> in
    /// their <c>AddXxx()</c>), such as their <see cref="AfterCommitInterceptor{TPending}"/>s; none for
    /// contexts built outside the app (design time, tools).
    /// </param>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, StorageOptions storage, IEnumerable<IInterceptor>? moduleInterceptors = null)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connectionString = options.ConnectionString ?? $"Data Source={storage.Resolve("nigehban.db")}";
                EnsureSqliteFolder(connectionString);
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database__ConnectionString is required when Database__Provider is Postgres.");
                }

                builder.UseNpgsql(WithoutJit(WithAutoPrepare(options.ConnectionString)), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }

        // A refused command is an exception its caller handles (an idempotent replay is one) or logs
        // itself (the exception handler, each background loop); EF's own error entries, with the
        // stack trace, would log an expected replay as a failure (ADR-025).
        // SQLite migrations that rebuild a table switch foreign keys off and on with a PRAGMA, which
        // SQLite ignores inside a transaction, so EF runs it outside one and warns, once per such
        // migration, on every new database. Harmless here: migrations run at start, before the
        // server listens, on a database nothing else writes to (ADR-039).
        builder.ConfigureWarnings(w => w.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));

        builder.AddInterceptors(moduleInterceptors ?? []);
    }

    /// <summary>
    /// The operator's connection string, with PostgreSQL's JIT compiler switched off for the app's
    /// sessions unless the string already sets <c>Options</c>. The app's statements are short: with
    /// JIT on (PostgreSQL's default), a province dashboard summary over a 16-million-row rollup table
    /// was estimated expensive enough to be compiled, which cost 50+ ms of a 6 ms statement.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        return builder.ConnectionString;
    }

    /// <summary>Statements kept prepared per physical connection when the operator does not say otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 128;

    /// <summary>Executions of one SQL text on a connection before it is prepared.</summary>
    public const int DefaultAutoPrepareMinUsages = 2;

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it (to any value,
    /// 0 included, which keeps it off). The app sends the same few statements over and over (the
    /// submission's inserts, the tracking read); prepared, PostgreSQL neither parses nor plans them
    /// again on that connection. See ADR-013.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        if (keys.Contains("MAXAUTOPREPARE") && keys.Contains("AUTOPREPAREMINUSAGES"))
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!keys.Contains("AUTOPREPAREMINUSAGES"))
        {
            builder.AutoPrepareMinUsages = DefaultAutoPrepareMinUsages;
        }

        return builder.ConnectionString;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    private static int _resolverRegistered;

    /// <summary>
    /// The migration assemblies reference this one, so this one cannot reference them; the build
    /// copies them beside the app and this resolver loads them. See ADR-003.
    /// </summary>
    private static void RegisterMigrationAssemblyResolver()
    {
        if (Interlocked.Exchange(ref _resolverRegistered, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrationsAssembly or PostgresMigrationsAssembly))
            {
                return null;
            }

            var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
    }

    /// <summary>Durability first: WAL for concurrent readers, synchronous=FULL so an acknowledged write survives power loss.</summary>
    /// <remarks>
    /// The settings belong to the physical connection, which the provider's pool keeps open across
    /// logical opens; they are applied once per physical connection (its native handle), not on every
    /// open, where parsing and running them cost a public read about as much as its own query.
    /// </remarks>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private static readonly ConditionalWeakTable<object, object> Applied = [];
        private static readonly object Done = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && Applied.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
            command.ExecuteNonQuery();
            if (handle is not null)
            {
                Applied.AddOrUpdate(handle, Done);
            }
        }
    }
}
