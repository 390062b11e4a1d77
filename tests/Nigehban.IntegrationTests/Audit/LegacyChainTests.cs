using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Storage;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>
/// A database written before ADR-011 (events chained in the work's transaction, each carrying its
/// own link) upgrades in place: its chain keeps verifying and new seals continue it.
/// </summary>
public abstract class LegacyChainTests(DatabaseProvider provider)
{
    private const int LegacyEvents = 3;

    [Fact]
    public async Task EventsChainedBeforeSeals_AreAdopted_AndTheChainContinues()
    {
        await using var app = new LegacyApp(provider);
        await app.InitializeAsync();
        await app.UseTheSystemAsync();

        var result = await app.VerifyAsync();

        result.Intact.ShouldBeTrue(result.Reason);
        result.HeadSequence.ShouldBeGreaterThan(LegacyEvents);
        var seals = await app.WithDbAsync(db => db.Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Sequence).Take(LegacyEvents + 1).ToListAsync());
        seals.Take(LegacyEvents).Select(s => (s.Sequence, s.EventId)).ShouldBe(new (long, long)[] { (1, 1), (2, 2), (3, 3) });
        seals[LegacyEvents].PreviousHash.ShouldBe(seals[LegacyEvents - 1].Hash);
        seals[LegacyEvents].EventId.ShouldBeGreaterThan(LegacyEvents); // new ids continue after the old ones

        // The old encoding is still checked: editing a legacy event breaks the chain at it.
        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync("""UPDATE audit_events SET "Details" = 'rewritten' WHERE "Id" = 2""");
        var tampered = await app.VerifyAsync();
        tampered.Intact.ShouldBeFalse();
        tampered.FirstBrokenSequence.ShouldBe(2);
    }

    /// <summary>Migrated to the migration before audit seals, with a chain written the old way, before the app starts.</summary>
    private sealed class LegacyApp(DatabaseProvider provider) : PrivateApp(provider)
    {
        protected override async Task BeforeStartAsync()
        {
            var builder = new DbContextOptionsBuilder<NigehbanDbContext>();
            DatabaseRegistration.Configure(builder, new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }, new StorageOptions { DataDirectory = DataDirectory });
            var user = new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor());
            await using var db = new NigehbanDbContext(builder.Options);
            db.Bind(new JurisdictionScope(user), new AuditTrail(user, TimeProvider.System));
            var migrations = db.Database.GetMigrations().ToList();
            var beforeSeals = migrations[migrations.FindIndex(m => m.EndsWith("_AuditSeals", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(beforeSeals);

            var previous = AuditChain.GenesisHash;
            var at = DateTimeOffset.UtcNow.AddDays(-1).ToMicroseconds();
            for (var sequence = 1L; sequence <= LegacyEvents; sequence++)
            {
                var e = new AuditEvent { Id = sequence, OccurredAt = at, ActorName = "legacy", Action = "legacy.event", Outcome = AuditOutcome.Success, Details = $"legacy {sequence}" };
                var hash = AuditChain.ComputeLegacyHash(e, sequence, previous);
                object occurredAt = Provider == DatabaseProvider.Sqlite ? at.UtcTicks : at;
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO audit_events ("Sequence", "OccurredAt", "ActorName", "Action", "Outcome", "Details", "PreviousHash", "Hash")
                    VALUES ({sequence}, {occurredAt}, {e.ActorName}, {e.Action}, {"Success"}, {e.Details}, {previous}, {hash})
                    """);
                previous = hash;
            }
        }
    }
}

public sealed class LegacyChainTests_Sqlite() : LegacyChainTests(DatabaseProvider.Sqlite);

public sealed class LegacyChainTests_Postgres() : LegacyChainTests(DatabaseProvider.Postgres);
