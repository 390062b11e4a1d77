using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// Each provider has its own migrations. When someone changes the model and adds migrations for
/// one provider only (or none), these tests fail, and so does CI.
/// </summary>
public abstract class DatabaseModelTests(NigehbanApp app)
{
    [Fact]
    public async Task Model_HasNoPendingChanges_AgainstThisProvidersMigrations()
    {
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        pending.ShouldBeFalse("The model has changed without a migration. Run scripts/add-migration.sh <Name> to add one for both providers.");
    }

    [Fact]
    public async Task Database_HasEveryMigrationApplied()
    {
        var (applied, defined) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ToList(), db.Database.GetMigrations().ToList()));

        defined.ShouldNotBeEmpty();
        applied.ShouldBe(defined);
    }

    [Fact]
    public async Task Context_UsesTheConfiguredProvider()
    {
        var isPostgres = await app.WithDbAsync(db => Task.FromResult(db.IsPostgres));

        isPostgres.ShouldBe(app.Provider == DatabaseProvider.Postgres);
    }
}

public sealed class DatabaseModelTests_Sqlite(SqliteApp app) : DatabaseModelTests(app)
{
    /// <summary>WAL lets readers work while one writer commits; synchronous=FULL makes an acknowledged write survive power loss.</summary>
    [Fact]
    public async Task Sqlite_RunsWithWalAndSynchronousFull_OnEveryConnection()
    {
        var (journalMode, synchronous, foreignKeys) = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            try
            {
                return (await ScalarAsync(connection, "PRAGMA journal_mode"), await ScalarAsync(connection, "PRAGMA synchronous"), await ScalarAsync(connection, "PRAGMA foreign_keys"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        journalMode.ShouldBe("wal");
        synchronous.ShouldBe("2"); // 2 = FULL
        foreignKeys.ShouldBe("1");
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class DatabaseModelTests_Postgres(PostgresApp app) : DatabaseModelTests(app);
