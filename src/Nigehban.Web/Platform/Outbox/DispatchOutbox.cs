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
            // A kind's messages of the pass go to its channel together, so that it can deliver them at once.
            foreach (var byKind in claimed.GroupBy(m => m.Kind, StringComparer.Ordinal))
            {
                var messages = byKind.ToList();
                var outcomes = await DeliverAllAsync(byKind.Key, messages, cancellationToken);
                for (var i = 0; i < messages.Count; i++)
                {
                    if (outcomes[i] is { } failure)
                    {
                        await RecordFailureAsync(messages[i], failure);
                    }
                    else
                    {
                        delivered.Add(messages[i]);
                    }
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

    /// <summary>Per message, null when it went out or the failure; a kind routed to no channel fails every message (retried later).</summary>
    private async Task<Exception?[]> DeliverAllAsync(string kind, List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        INotificationChannel channel;
        try
        {
            channel = channels.For(kind);
        }
        catch (InvalidOperationException e)
        {
            return [.. messages.Select(_ => (Exception?)e)];
        }

        return await channel.DeliverAllAsync(
            [.. messages.Select(m => new NotificationMessage(m.Id, m.Kind, m.Recipient, m.Payload, m.CreatedAt, m.Attempts))],
            cancellationToken);
    }

    /// <summary>Records a failed delivery at once, with its error, and when to try again (or that it was given up).</summary>
    private async Task RecordFailureAsync(OutboxMessage message, Exception failure)
    {
        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (error.Length > 2000)
        {
            error = error[..2000];
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
    }
}
