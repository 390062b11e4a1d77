using Nigehban.Web.Platform.Audit;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// The audit of a read of protected data is committed before the answer (DESIGN.md, mechanism 4:
/// fail closed), but a read writes nothing else: its events share a group commit with other
/// requests' work (ADR-014) instead of a flush to disk each. Unless the caller has changes of its own
/// pending (a break-glass entry, say), which then go in with them in one save, as before.
/// </summary>
public static class AuditedReads
{
    /// <param name="stage">Records the read's audit events for <paramref name="actor"/> (and any rows that only note the read) in the context it is given; it may run twice.</param>
    public static async Task CommitReadAsync(this NigehbanDbContext db, GroupCommit groupCommit, AuditActor actor, Action<NigehbanDbContext> stage, CancellationToken cancellationToken)
    {
        if (!db.ChangeTracker.HasChanges() && !db.Audit.HasPending && await groupCommit.TryWriteAsync(actor, stage))
        {
            return;
        }

        stage(db);
        await db.SaveChangesAsync(cancellationToken);
    }
}
