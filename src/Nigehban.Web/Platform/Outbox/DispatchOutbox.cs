using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Notifications;

namespace Nigehban.Web.Platform.Outbox;

/// <summary>
/// One pass of the dispatcher: claim a batch of due messages, deliver each through the channel
/// its kind is configured for, and record the outcome.
/// </summary>
/// <remarks>
/// Claiming is one UPDATE that bumps <c>Attempts</c> and pushes <c>NextAttemptAt</c> a lease
/// ahead, so the claim is committed before any delivery starts and no transaction stays open
/// while a gateway is called. On PostgreSQL the rows are picked with <c>FOR UPDATE SKIP LOCKED</c>,
/// so several app instances share the work without waiting on each other; SQLite has one writer
/// at a time, which serialises claims by itself. Delivery is at least once: a channel that
/// succeeds but whose outcome is not recorded (a crash) sees the message again after the lease.
/// </remarks>
public sealed class DispatchOutbox(
    NigehbanDbContext db,
    NotificationChannels channels,
    OutboxOptions options,
    TimeProvider clock,
    ILogger<DispatchOutbox> logger)
{
    /// <summary>Returns the number of messages claimed (delivered or not).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var delivered = new List<OutboxMessage>(claimed.Count);
        try
        {
            foreach (var message in claimed)
            {
                if (await DeliverAsync(message, cancellationToken))
                {
                    delivered.Add(message);
                }
            }
        }
        finally
        {
            // Deliveries are recorded once per pass, not once per message (a commit each): a crash
            // before this line sends the pass's messages again after the lease, which
            // at-least-once delivery allows. Recorded on shutdown too, for what went out.
            await RecordDeliveredAsync(delivered);
        }

        return claimed.Count;
    }

    private async Task RecordDeliveredAsync(List<OutboxMessage> delivered)
    {
        var now = clock.GetUtcNow();
        // Matching on Attempts as well: if the lease ran out and another pass claimed a message
        // meanwhile, that pass owns its outcome. Almost every pass has one Attempts value.
        foreach (var group in delivered.GroupBy(m => m.Attempts))
        {
            var attempts = group.Key;
            var ids = group.Select(m => m.Id).ToList();
            await db.Set<OutboxMessage>()
                .Where(m => ids.Contains(m.Id) && m.Attempts == attempts)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.DeliveredAt, now)
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseEnd = now + options.ClaimLease;
        var batch = Math.Max(1, options.BatchSize);
        // Raw SQL parameters bypass EF's value converters: on SQLite instants are stored as ticks.
        object Instant(DateTimeOffset t) => db.IsPostgres ? t : t.UtcTicks;
        var skipLocked = db.IsPostgres ? "FOR UPDATE SKIP LOCKED" : string.Empty;
        var sql = $$"""
            UPDATE outbox_messages SET "Attempts" = "Attempts" + 1, "NextAttemptAt" = {0}
            WHERE "Id" IN (
                SELECT "Id" FROM outbox_messages
                WHERE "DeliveredAt" IS NULL AND "NextAttemptAt" <= {1}
                ORDER BY "NextAttemptAt"
                LIMIT {2}
                {{skipLocked}})
            RETURNING *
            """;
        return await db.Set<OutboxMessage>()
            .FromSqlRaw(sql, Instant(leaseEnd), Instant(now), batch)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    /// <summary>Delivers one message; records a failure at once and returns whether it went out.</summary>
    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            var channel = channels.For(message.Kind);
            await channel.DeliverAsync(
                new NotificationMessage(message.Id, message.Kind, message.Recipient, message.Payload, message.CreatedAt, message.Attempts),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another pass picks the message up again.
            throw;
        }
        catch (Exception ex)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
            if (error.Length > 2000)
            {
                error = error[..2000];
            }
        }

        if (error is null)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.Attempts == message.Attempts);

        var givingUp = message.Attempts >= options.MaxAttempts;
        DateTimeOffset? next = givingUp ? null : now + options.RetryDelayAfter(message.Attempts);
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error), CancellationToken.None);
        if (givingUp)
        {
            logger.LogError("Outbox message {Id} ({Kind}) given up after {Attempts} attempts: {Error}", message.Id, message.Kind, message.Attempts, error);
        }
        else
        {
            logger.LogWarning("Outbox message {Id} ({Kind}) failed attempt {Attempts}, next at {Next}: {Error}", message.Id, message.Kind, message.Attempts, next, error);
        }

        return false;
    }
}
