using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Group commit (ADR-014): independent inserts from concurrent requests, such as citizens'
/// applications, saved together in one transaction instead of one each. Every member keeps what a
/// save of its own gives it: its audit events name its own actor and address, its outbox messages
/// and rollups go in with its rows, and its request is answered only after the commit. What the
/// group shares is the round trips, the commit's flush to disk, one array insert per table on
/// PostgreSQL (ADR-017), and one upsert per dashboard rollup row where each member would have
/// queued for that row's lock in turn.
/// </summary>
/// <remarks>
/// A group is whatever has queued while the previous group was being written, up to
/// <see cref="MaxGroup"/>: no timer, so a lone request waits for nothing. If the group fails before
/// its commit (one member's row refused, for example a replayed Idempotency-Key), nothing of it was
/// written and every member is told to save alone, exactly as it would without group commit; the
/// member at fault then meets its own error. A failure of the commit itself leaves the outcome
/// unknown, as it does for a single save, and is thrown to every member.
/// </remarks>
public sealed class GroupCommit : BackgroundService
{
    /// <summary>Members per transaction: enough to cover 64 waiting clients, few enough for a short transaction.</summary>
    public const int MaxGroup = 128;

    /// <summary>
    /// Groups written at once. Two (ADR-019): at the budget's rate, 1,500 submissions a second
    /// arriving one by one, a single writer's groups are small and it runs near saturation, so a
    /// stall leaves a queue. Two writers, one sending its group while the other's commits, had the
    /// lower p99 there in each of five alternating pairs of runs. ADR-018 had chosen one writer on
    /// a saturating closed loop, where its p99 was a little lower. Three were worse than two.
    /// </summary>
    private const int Writers = 2;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Histogram<int> _groupSizes;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = Writers == 1, SingleWriter = false });
    private volatile bool _running;

    public GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> logger, IMeterFactory meters)
    {
        _scopes = scopes;
        _logger = logger;
        _groupSizes = meters.Create("Nigehban").CreateHistogram<int>("nigehban.group_commit.size", "{write}", "Writes saved per group-commit transaction.");
    }

    /// <summary>
    /// Saves what <paramref name="stage"/> adds to the context it is given, in a transaction shared
    /// with other requests' work. True once committed. False if it was not written, because its group
    /// failed before the commit or group commit is not running (a command-line verb, shutdown): the
    /// caller then saves alone. <paramref name="stage"/> may run twice (once here, once alone), so it
    /// must build its entities afresh each time and only add them, each complete when added: the
    /// group's save does not detect changes, so a value set or an entity attached after the add
    /// would be neither written nor audited.
    /// </summary>
    public Task<bool> TryWriteAsync(AuditActor actor, Action<NigehbanDbContext> stage) => TryWriteAsync(actor, null, stage);

    /// <summary>
    /// As <see cref="TryWriteAsync(AuditActor, Action{NigehbanDbContext})"/>, with a step that runs
    /// first, inside the group's transaction: a number the member's rows need from a counter that
    /// must stay gapless (an FIR's station-year number, ADR-057). The counter's row stays locked
    /// until the group commits, and a failed group gives the number back with its rollback.
    /// Members' steps run in the order of <see cref="NumberedStep.LockKey"/>, so that two groups
    /// lock the same counters in the same order. <paramref name="stage"/> runs after its step.
    /// </summary>
    public Task<bool> TryWriteAsync(AuditActor actor, NumberedStep? step, Action<NigehbanDbContext> stage)
    {
        if (!_running)
        {
            return Task.FromResult(false);
        }

        var pending = new PendingWrite(actor, stage, step);
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromResult(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On shutdown the queue is closed to newcomers (they save alone) and what is in it is still written.
        stoppingToken.Register(() =>
        {
            _running = false;
            _queue.Writer.TryComplete();
        });
        _running = true;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteGroupsAsync, CancellationToken.None)));
    }

    private async Task WriteGroupsAsync()
    {
        var reader = _queue.Reader;
        var group = new List<PendingWrite>(MaxGroup);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroup && reader.TryRead(out var next))
            {
                group.Add(next);
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync(group);
                group.Clear();
            }
        }
    }

    /// <summary>Writes one group and tells each member how it went. Never throws.</summary>
    internal async Task WriteGroupAsync(IReadOnlyList<PendingWrite> group)
    {
        var committing = false;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("group commit: inserts staged by requests that were each authorised");
            var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();

            // The group's own transaction, so that a failure before the commit is told apart from
            // one of the commit: only the first leaves nothing written and may be retried alone.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await NumberedStep.RunAsync(db, [.. group.Where(m => m.Step is not null).Select(m => m.Step!)]);

            Stage(db, group);
            var savepoints = db.Database.AutoSavepointsEnabled;
            db.Database.AutoSavepointsEnabled = false; // a failure abandons the whole group: nothing to go back to
            // Members only add new entities, complete when added, and nothing changes them after
            // (TryWriteAsync's rule): there is nothing to detect, and detecting it would walk the whole group's graph.
            var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                await db.SaveNewRowsAsync(CancellationToken.None);
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
                db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
            }

            committing = true;
            await transaction.CommitAsync(CancellationToken.None);
            db.Audit.Committed();
            _groupSizes.Record(group.Count);
            foreach (var member in group)
            {
                member.Done.TrySetResult(true);
            }
        }
        catch (Exception e) when (!committing)
        {
            _logger.LogDebug(e, "A group of {Count} writes failed before its commit; each is saved alone", group.Count);
            foreach (var member in group)
            {
                member.Done.TrySetResult(false);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The commit of a group of {Count} writes failed", group.Count);
            foreach (var member in group)
            {
                member.Done.TrySetException(e);
            }
        }
    }

    /// <summary>Adds every member's entities, each attributed to the member's actor for the audit.</summary>
    private static void Stage(NigehbanDbContext db, IReadOnlyList<PendingWrite> group)
    {
        AuditActor? actor = null;
        void Attribute(object? sender, EntityTrackedEventArgs e) => db.Audit.OnBehalfOf(e.Entry.Entity, actor!);

        db.ChangeTracker.Tracked += Attribute;
        try
        {
            foreach (var member in group)
            {
                actor = member.Actor;
                member.Stage(db);
            }
        }
        finally
        {
            db.ChangeTracker.Tracked -= Attribute;
        }
    }

    internal sealed class PendingWrite(AuditActor actor, Action<NigehbanDbContext> stage, NumberedStep? step = null)
    {
        public AuditActor Actor { get; } = actor;

        public NumberedStep? Step { get; } = step;

        public Action<NigehbanDbContext> Stage { get; } = stage;

        /// <summary>Completed on the writer's thread; continuations run elsewhere so that the writer moves on.</summary>
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// A member's step inside the group's transaction, before its rows are staged: one statement
/// returning one integer (a counter bumped for a gapless number), with <c>{n}</c> placeholders as
/// <c>ExecuteSqlRaw</c> takes them; <paramref name="Assign"/> receives the integer.
/// <paramref name="LockKey"/> names the row it locks: the group's steps run in its order, all in
/// one round trip where the provider batches statements.
/// </summary>
public sealed record NumberedStep(string LockKey, string Sql, IReadOnlyList<object> Parameters, Action<int> Assign)
{
    internal static async Task RunAsync(NigehbanDbContext db, List<NumberedStep> steps)
    {
        if (steps.Count == 0)
        {
            return;
        }

        steps.Sort((a, b) => string.CompareOrdinal(a.LockKey, b.LockKey));
        var connection = db.Database.GetDbConnection();
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(db.Database.CurrentTransaction!);
        if (!connection.CanCreateBatch)
        {
            foreach (var step in steps)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Named(step, command.CreateParameter, command.Parameters.Add);
                step.Assign(Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            }

            return;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var step in steps)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = Named(step, command.CreateParameter, p => command.Parameters.Add(p), batch.BatchCommands.Count);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync();
        foreach (var step in steps)
        {
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException($"The step for {step.LockKey} returned no number.");
            }

            step.Assign(reader.GetInt32(0));
            await reader.NextResultAsync();
        }
    }

    /// <summary>The step's SQL with its <c>{n}</c> placeholders as named parameters, added through <paramref name="add"/>.</summary>
    private static string Named(NumberedStep step, Func<System.Data.Common.DbParameter> create, Func<System.Data.Common.DbParameter, int> add, int index = 0)
    {
        var sql = step.Sql;
        for (var i = step.Parameters.Count - 1; i >= 0; i--)
        {
            var parameter = create();
            parameter.ParameterName = $"@s{index}_{i}";
            parameter.Value = step.Parameters[i];
            add(parameter);
            sql = sql.Replace("{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", parameter.ParameterName, StringComparison.Ordinal);
        }

        return sql;
    }
}
