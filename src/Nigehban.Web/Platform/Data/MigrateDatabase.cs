using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// The first start-up step: migrate, apply database guards, and give audit events chained before
/// ADR-011 their seals. The steps after it find the database ready.
/// </summary>
internal sealed class MigrateDatabase(NigehbanDbContext db, ForcePack force, TimeProvider clock, ILogger<MigrateDatabase> logger) : IStartupStep
{
    public int Order => StartupOrder.Database;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            await ReleaseStaleSqliteMigrationLockAsync(cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await DatabaseGuards.ApplyAsync(db, cancellationToken);
        await CheckInstanceForce.RunAsync(db, force, clock, cancellationToken);
        await AuditChain.AdoptLegacyChainAsync(db, cancellationToken);
    }

    /// <summary>
    /// EF Core guards SQLite migrations with a row in <c>__EFMigrationsLock</c>. A process stopped in
    /// the middle of migrating (Ctrl+C on the very first start) leaves the row behind and every later
    /// start would wait for it forever. The embedded database belongs to one instance and migrates in
    /// seconds, so a lock older than <see cref="StaleMigrationLock"/> is released, with a warning.
    /// </summary>
    private async Task ReleaseStaleSqliteMigrationLockAsync(CancellationToken cancellationToken)
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

            var now = clock.GetUtcNow();
            if (taken is null || !DateTimeOffset.TryParse(taken, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) || now - at < StaleMigrationLock)
            {
                return;
            }

            logger.LogWarning("Releasing a migration lock taken at {TakenAt} by a process that did not finish migrating", at);
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
