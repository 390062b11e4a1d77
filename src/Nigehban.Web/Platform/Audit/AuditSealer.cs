using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Audit;

/// <summary>Wakes the sealer when audited work commits; wakes that arrive while it is busy collapse into one.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never used holds nothing to release; disposing it while a stopping host still commits would make a commit throw.")]
public sealed class AuditSealSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke it in between: one wake is enough.
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Links committed audit events into the hash chain (ADR-011). Audited work inserts its events
/// without a lock; this seals them afterwards, one pass at a time: it takes the chain lock
/// (PostgreSQL: an advisory transaction lock, so several processes may run sealers; SQLite: the
/// database's write lock), reads the head, and appends one <see cref="AuditSeal"/> per event in the
/// order it finds them. The chain's order is therefore seal order, which follows commit order, not
/// the order in which the database handed out event ids.
/// </summary>
/// <remarks>
/// Finding what to seal without scanning the whole trail: the sealer remembers the highest event id
/// it has seen and the ids below it it has not seen yet ("holes": a transaction still open, or one
/// that rolled back after taking an id). Each pass reads events above that id and in the holes.
/// A hole is re-read on every pass for <see cref="YoungHole"/>, then every
/// <see cref="OldHoleRecheck"/> until <see cref="OldHoleLifetime"/>. The first pass of a process
/// also seals anything left unsealed below the chain's newest event (a process that stopped
/// between a commit and its seal). An event that escapes all of this stays unsealed, and
/// <see cref="AuditVerifier"/> reports it once it is older than <c>Audit:SealGrace</c>.
/// </remarks>
[SuppressMessage("Reliability", "CA1001", Justification = "The gate's wait handle is never used; a host that is disposed while it stops may still run a last pass.")]
public sealed class AuditSealer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditSealer> logger, AuditCheckpointDue? checkpointDue = null)
{
    /// <summary>Events read and sealed per transaction.</summary>
    internal const int BatchSize = 1000;

    internal static readonly TimeSpan YoungHole = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan OldHoleRecheck = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan OldHoleLifetime = TimeSpan.FromDays(1);

    /// <summary>A jump in ids larger than this (an identity moved on by hand) is not tracked hole by hole.</summary>
    private const long MaxTrackedGap = 10_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, DateTimeOffset> _holes = [];
    private long? _maxSeen;
    private DateTimeOffset _oldHolesCheckedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// Seals every committed event this process can find, then returns how many it sealed. Tests and
    /// the checkpoint writer call it to make the chain current; the hosted service calls it on every wake.
    /// </summary>
    public async Task<int> SealPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            if (_maxSeen is null)
            {
                total += await SealLeftoversAsync(cancellationToken);
            }

            while (true)
            {
                var (read, sealedCount) = await SealNewAsync(cancellationToken);
                total += sealedCount;
                if (read < BatchSize)
                {
                    if (total > 0)
                    {
                        // New seals: the checkpoint writer records the new head shortly (ADR-026).
                        checkpointDue?.Signal();
                    }

                    return total;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Once per process: events at or below the newest sealed one that have no seal.</summary>
    private async Task<int> SealLeftoversAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = OpenScope(out var db);
            var newest = await db.Set<AuditSeal>().MaxAsync(s => (long?)s.EventId, cancellationToken) ?? 0;
            var events = await db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.Id <= newest && !db.Set<AuditSeal>().Any(s => s.EventId == e.Id))
                .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (events.Count > 0)
            {
                // Only what is still unsealed once the lock is held (another process may have sealed some).
                total += await SealAsync(db, events.Select(e => e.Id).ToList(), cancellationToken);
            }

            if (events.Count < BatchSize)
            {
                _maxSeen = newest;
                return total;
            }
        }
    }

    private async Task<(int Read, int Sealed)> SealNewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recheckOld = now - _oldHolesCheckedAt >= OldHoleRecheck;
        var holes = _holes.Where(h => recheckOld || now - h.Value < YoungHole).Select(h => h.Key).ToList();
        var maxSeen = _maxSeen!.Value;

        await using var scope = OpenScope(out var db);
        var rows = await NewEvents(db, maxSeen, holes).ToListAsync(cancellationToken);

        var unsealed = rows.Where(r => r.SealSequence == 0).Select(r => r.Id).ToList();
        var sealedCount = unsealed.Count > 0 ? await SealAsync(db, unsealed, cancellationToken) : 0;

        // The new state only once the seals are committed: after a failure the next pass reads the same rows.
        var next = maxSeen + 1;
        foreach (var row in rows)
        {
            if (row.Id <= maxSeen)
            {
                _holes.Remove(row.Id);
                continue;
            }

            if (row.Id - next <= MaxTrackedGap)
            {
                for (var id = next; id < row.Id; id++)
                {
                    _holes.TryAdd(id, now);
                }
            }
            else
            {
                logger.LogWarning("Audit event ids jumped from {From} to {To}; events committed later in that range are sealed only if verification finds them", next - 1, row.Id);
            }

            next = row.Id + 1;
        }

        _maxSeen = next - 1;
        if (recheckOld)
        {
            _oldHolesCheckedAt = now;
            foreach (var expired in _holes.Where(h => now - h.Value >= OldHoleLifetime).Select(h => h.Key).ToList())
            {
                _holes.Remove(expired);
            }
        }

        return (rows.Count, sealedCount);
    }

    /// <summary>The next batch of events above <paramref name="maxSeen"/> or in <paramref name="holes"/>, in id order, each with its seal's sequence (0: none).</summary>
    /// <remarks>
    /// Whether an event is sealed is probed row by row in the seal index, not asked with EXISTS: for a
    /// prepared EXISTS, PostgreSQL's generic plan hashes the whole seal table on every pass (110 ms at
    /// 100,000 seals where the probes take 0.5 ms), a cost that would grow with the trail (ADR-018).
    /// </remarks>
    internal static IQueryable<EventSeal> NewEvents(NigehbanDbContext db, long maxSeen, IReadOnlyCollection<long> holes)
    {
        // Without holes, a plain range: the index hands the rows over in order, where "or in the
        // holes" would make the database collect and sort everything above maxSeen first.
        var events = db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking();
        events = holes.Count == 0 ? events.Where(e => e.Id > maxSeen) : events.Where(e => e.Id > maxSeen || holes.Contains(e.Id));
        return events.OrderBy(e => e.Id).Take(BatchSize)
            .Select(e => new EventSeal(e.Id, db.Set<AuditSeal>().Where(s => s.EventId == e.Id).Select(s => s.Sequence).FirstOrDefault()));
    }

    /// <summary>Those of <paramref name="candidates"/> without a seal, whole, in id order; probed as in <see cref="NewEvents"/>.</summary>
    internal static IQueryable<AuditEvent> Unsealed(NigehbanDbContext db, IReadOnlyCollection<long> candidates) =>
        db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => candidates.Contains(e.Id) && db.Set<AuditSeal>().Where(s => s.EventId == e.Id).Select(s => s.Sequence).FirstOrDefault() == 0)
            .OrderBy(e => e.Id);

    internal sealed record EventSeal(long Id, long SealSequence);

    /// <summary>Under the chain lock: re-reads which of <paramref name="candidates"/> are still unsealed, and seals them after the head.</summary>
    private async Task<int> SealAsync(NigehbanDbContext db, List<long> candidates, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres)
        {
            // SQLite's transaction already holds the single write lock (BEGIN IMMEDIATE).
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChain.ChainLockKey})", cancellationToken);
        }

        // Statements after the lock see every seal committed before it was granted (READ COMMITTED).
        var events = await Unsealed(db, candidates).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var head = await db.Set<AuditSeal>().AsNoTracking().OrderByDescending(s => s.Sequence)
            .Select(s => new { s.Sequence, s.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.GenesisHash;
        var sealedAt = clock.GetUtcNow().ToMicroseconds();
        var seals = new List<object>(events.Count);
        foreach (var e in events)
        {
            sequence++;
            var hash = AuditChain.ComputeHash(e, sequence, previous);
            seals.Add(new AuditSeal { Sequence = sequence, EventId = e.Id, PreviousHash = previous, Hash = hash, SealedAt = sealedAt });
            previous = hash;
        }

        // PostgreSQL: the pass's seals in one array insert (ADR-017), where EF would build and send
        // an INSERT per seal. The seals are not audited either way.
        if (ArrayInsert.For(db, db.Model.FindEntityType(typeof(AuditSeal))!) is { } insert)
        {
            var (sql, parameters) = insert.Build(seals, db.Database.GetDbConnection(), "s");
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
        else
        {
            db.AddRange(seals);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    private AsyncServiceScope OpenScope(out NigehbanDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("audit sealer");
        db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        return scope;
    }
}

/// <summary>
/// Runs the sealer on every commit of audited work and at least every <c>Audit:SealInterval</c>
/// (default 500 ms: work committed in a transaction of its caller's, or by another process, wakes
/// nobody here), and once more when the host stops, so a clean shutdown leaves nothing unsealed.
/// </summary>
public sealed class AuditSealerService(
    AuditSealer sealer,
    AuditSealSignal signal,
    IConfiguration configuration,
    ILogger<AuditSealerService> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The shortest time from one pass's start to the next's.</summary>
    internal static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(100);

    /// <summary>How long shutdown waits for the last pass.</summary>
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(10);

    private int _stopped;

    private TimeSpan Interval
    {
        get
        {
            var interval = configuration.GetValue<TimeSpan?>("Audit:SealInterval") ?? DefaultInterval;
            return interval > TimeSpan.Zero ? interval : DefaultInterval;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var passStarted = Stopwatch.GetTimestamp();
                await SealAsync(stoppingToken);
                await signal.WaitAsync(interval, stoppingToken);

                // Under load every commit wakes the sealer: passes at most every MinimumGap seal
                // batches, where a pass per wake would pay its queries and its commit for a handful.
                var sinceLast = Stopwatch.GetElapsedTime(passStarted);
                if (sinceLast < MinimumGap)
                {
                    await Task.Delay(MinimumGap - sinceLast, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last pass runs in StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ShutdownBudget);
        try
        {
            await SealAsync(budget.Token);
        }
        catch (OperationCanceledException)
        {
            // Out of time: what is left is sealed by the next start (or reported by verification).
            logger.LogWarning("Stopped before every audit event was sealed");
        }
    }

    private async Task SealAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sealer.SealPendingAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The events are committed and stay so; the next pass seals them. Verification reports them if none does.
            logger.LogError(ex, "Could not seal audit events");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
