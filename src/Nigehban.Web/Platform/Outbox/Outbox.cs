using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Outbox;

/// <summary>
/// The one way to send anything: add a message to the DbContext beside the work that causes it.
/// Nothing is sent here and nothing is saved: the caller's SaveChanges (and its transaction)
/// decides whether the message exists.
/// </summary>
public static class Outbox
{
    public static OutboxMessage Enqueue(NigehbanDbContext db, OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.Add(message);
        return message;
    }

    /// <summary>Builds the message (payload serialised as JSON) and enqueues it.</summary>
    public static OutboxMessage Enqueue(NigehbanDbContext db, string kind, string recipient, object payload, DateTimeOffset now) =>
        Enqueue(db, OutboxMessage.Create(kind, recipient, payload, now));
}
