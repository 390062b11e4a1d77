using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>
/// The sealer that links committed audit events into the chain after their commit (ADR-011): when
/// it runs, that it misses nothing, and that verification notices when it does not run.
/// </summary>
public abstract class AuditSealerTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// No polling within a test's lifetime: only a wake on commit (or an explicit call) seals. The
    /// checkpoint written shortly after a seal pass seals too (it makes the chain current first), so
    /// it is off: under load it fired inside a test's window and sealed what the test expected unsealed.
    /// </summary>
    private static readonly Dictionary<string, string?> NoPolling = new()
    {
        ["Audit:SealInterval"] = "01:00:00",
        ["Audit:CheckpointAfterSeal"] = "00:00:00",
    };

    protected DatabaseProvider Provider => provider;

    [Fact]
    public async Task AuditedWork_IsSealed_ShortlyAfterItCommits_WithoutWaitingForAPoll()
    {
        await using var app = await PrivateApp.StartAsync(provider, NoPolling);

        var id = await WriteAsync(app, "woken");

        (await Eventually.ValueAsync(() => IsSealedAsync(app, id), done => done)).ShouldBeTrue();
    }

    [Fact]
    public async Task WorkCommittedInACallersTransaction_IsSealed_AtTheNextPoll()
    {
        await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:SealInterval"] = "00:00:00.200" });

        var id = await WriteInCallersTransactionAsync(app, "polled");

        (await Eventually.ValueAsync(() => IsSealedAsync(app, id), done => done)).ShouldBeTrue();
        (await app.VerifyAsIsAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task StoppingTheHost_SealsWhatIsPending()
    {
        await using var app = await PrivateApp.StartAsync(provider, NoPolling);
        await WaitUntilIdleAsync(app);
        var id = await WriteInCallersTransactionAsync(app, "at-stop");
        // Longer than a checkpoint's wait after a seal pass: nothing but the stop may seal it.
        await Task.Delay(AuditCheckpointWriter.DefaultAfterSeal + TimeSpan.FromSeconds(1), Ct);
        (await IsSealedAsync(app, id)).ShouldBeFalse();

        await app.Services.GetServices<IHostedService>().OfType<AuditSealerService>().Single().StopAsync(Ct);

        (await IsSealedAsync(app, id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Verification_ReportsAnEventLeftUnsealed_PastTheGrace()
    {
        var settings = new Dictionary<string, string?>(NoPolling) { ["Audit:SealGrace"] = "00:00:00" };
        await using var app = await PrivateApp.StartAsync(provider, settings);
        await WaitUntilIdleAsync(app);
        await WriteInCallersTransactionAsync(app, "never-sealed");

        // A sealer that does not run (or a seal removed from the tail) leaves the event unprotected: not intact.
        var result = await app.VerifyAsIsAsync();
        result.Intact.ShouldBeFalse();
        result.Reason!.ShouldContain("not sealed");
        result.Unsealed.ShouldBeGreaterThan(0);

        (await app.VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task TwoSealersAtOnce_SealEveryEventExactlyOnce()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        // A second sealer, as another process of the same deployment would run.
        var other = new AuditSealer(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<AuditSealer>.Instance);
        using var stop = new CancellationTokenSource();
        var sealers = new[] { other, app.Services.GetRequiredService<AuditSealer>() }.Select(sealer => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await sealer.SealPendingAsync(Ct);
                await Task.Delay(5, Ct);
            }
        }, Ct)).ToList();

        var writes = Enumerable.Range(0, 60).Select(i => Task.Run(() => WriteAsync(app, $"both-{i}"), Ct)).ToList();
        await Task.WhenAll(writes);
        await stop.CancelAsync();
        await Task.WhenAll(sealers);

        var result = await app.VerifyAsync();
        result.Intact.ShouldBeTrue(result.Reason);
        var counts = await app.WithDbAsync(async db => new
        {
            Events = await db.Set<AuditEvent>().CountAsync(),
            Seals = await db.Set<AuditSeal>().CountAsync(),
            Distinct = await db.Set<AuditSeal>().Select(s => s.EventId).Distinct().CountAsync(),
        });
        counts.Seals.ShouldBe(counts.Events);
        counts.Distinct.ShouldBe(counts.Events);
        result.HeadSequence.ShouldBe(counts.Events);
    }

    protected static async Task<long> WriteAsync(PrivateApp app, string marker)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        db.Audit.Record(new AuditEntry("test.sealing", "Test", marker));
        await db.SaveChangesAsync(Ct);
        return await db.Set<AuditEvent>().Where(e => e.ObjectId == marker).Select(e => e.Id).SingleAsync(Ct);
    }

    /// <summary>Audited work saved inside a transaction the caller commits: nothing wakes the sealer.</summary>
    protected static async Task<long> WriteInCallersTransactionAsync(PrivateApp app, string marker)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Audit.Record(new AuditEntry("test.sealing", "Test", marker));
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        return await db.Set<AuditEvent>().Where(e => e.ObjectId == marker).Select(e => e.Id).SingleAsync(Ct);
    }

    protected static Task<bool> IsSealedAsync(PrivateApp app, long eventId) =>
        app.WithDbAsync(db => db.Set<AuditSeal>().AnyAsync(s => s.EventId == eventId, Ct));

    /// <summary>The start-up seed's events sealed by the app's own sealer, and its wake-up pass done.</summary>
    private static async Task WaitUntilIdleAsync(PrivateApp app)
    {
        (await Eventually.ValueAsync(() => app.VerifyAsIsAsync(), r => r.Intact && r.Unsealed == 0 && r.HeadSequence > 0)).Unsealed.ShouldBe(0);
        await Task.Delay(1000, Ct);
    }
}

public sealed class AuditSealerTests_Sqlite() : AuditSealerTests(DatabaseProvider.Sqlite);

public sealed class AuditSealerTests_Postgres() : AuditSealerTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task EventsCommittedOutOfIdOrder_AreAllSealed_InCommitOrder()
    {
        // Only PostgreSQL lets two writers be open at once; SQLite has one writer at a time.
        await using var app = await PrivateApp.StartAsync(Provider);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test");
        var slow = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        await using var transaction = await slow.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        slow.Audit.Record(new AuditEntry("test.sealing", "Test", "slow"));
        await slow.SaveChangesAsync(TestContext.Current.CancellationToken);

        // A later event commits first and is sealed while the earlier id is still invisible.
        var fast = await WriteAsync(app, "fast");
        await app.SealPendingAsync();
        (await IsSealedAsync(app, fast)).ShouldBeTrue();

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        var slowId = await slow.Set<AuditEvent>().Where(e => e.ObjectId == "slow").Select(e => e.Id).SingleAsync(TestContext.Current.CancellationToken);
        slowId.ShouldBeLessThan(fast);
        await app.SealPendingAsync();

        (await IsSealedAsync(app, slowId)).ShouldBeTrue();
        var seals = await app.WithDbAsync(db => db.Set<AuditSeal>().Where(s => s.EventId == slowId || s.EventId == fast).ToListAsync());
        seals.Single(s => s.EventId == fast).Sequence.ShouldBeLessThan(seals.Single(s => s.EventId == slowId).Sequence);
        var result = await app.VerifyAsync();
        result.Intact.ShouldBeTrue(result.Reason);
        result.Unsealed.ShouldBe(0);
    }
}
