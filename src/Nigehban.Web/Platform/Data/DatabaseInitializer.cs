using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Demo;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Data;

/// <summary>Start-up work: migrate, apply database guards, bring units in line with the force pack, optionally seed demo data.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("start-up");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        if (!db.IsPostgres)
        {
            await ReleaseStaleSqliteMigrationLockAsync(db, scope.ServiceProvider, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await DatabaseGuards.ApplyAsync(db, cancellationToken);
        await AuditChain.AdoptLegacyChainAsync(db, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SyncUnitsFromForcePack>().RunAsync(cancellationToken);
        if (seedDemo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }

        // The chain as start-up leaves it gets its checkpoint outside the database at once, so a
        // verb run on this data folder (seed --demo, then audit verify) can vouch for it (ADR-026).
        await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(cancellationToken);
    }

    /// <summary>
    /// EF Core guards SQLite migrations with a row in <c>__EFMigrationsLock</c>. A process stopped in
    /// the middle of migrating (Ctrl+C on the very first start) leaves the row behind and every later
    /// start would wait for it forever. The embedded database belongs to one instance and migrates in
    /// seconds, so a lock older than <see cref="StaleMigrationLock"/> is released, with a warning.
    /// </summary>
    private static async Task ReleaseStaleSqliteMigrationLockAsync(NigehbanDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var find = connection.CreateCommand();
            find.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\" WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock')";
            string? taken;
            try
            {
                taken = await find.ExecuteScalarAsync(cancellationToken) as string;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                return; // no lock table yet: a database that was never migrated
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (taken is null || !DateTimeOffset.TryParse(taken, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) || now - at < StaleMigrationLock)
            {
                return;
            }

            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer))
                .LogWarning("Releasing a migration lock taken at {TakenAt} by a process that did not finish migrating", at);
            await using var release = connection.CreateCommand();
            release.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            await release.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly TimeSpan StaleMigrationLock = TimeSpan.FromSeconds(30);
}
