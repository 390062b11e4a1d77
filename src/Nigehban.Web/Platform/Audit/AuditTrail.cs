using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Audit;

/// <summary>An audit event before it is chained: what happened, to what, with what outcome.</summary>
public sealed record AuditEntry(
    string Action,
    string? ObjectType = null,
    string? ObjectId = null,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? Details = null,
    string? UnitPath = null);

/// <summary>
/// Collects the audit events of one unit of work. Writes are captured automatically from the
/// change tracker; reads of protected data, logins and denials are recorded by the code that
/// performs them. Everything pending is chained when the DbContext saves.
/// </summary>
public sealed class AuditTrail(CurrentUser user, TimeProvider clock)
{
    private readonly List<AuditEvent> _pending = [];

    public bool HasPending => _pending.Count > 0;

    internal IReadOnlyList<AuditEvent> Pending => _pending;

    /// <summary>Actor overrides for work done before a principal exists (a login attempt).</summary>
    public void Record(AuditEntry entry, Guid? actorId = null, string? actorName = null)
    {
        _pending.Add(new AuditEvent
        {
            OccurredAt = ToMicroseconds(clock.GetUtcNow()),
            ActorId = actorId ?? user.AccountId,
            ActorName = Truncate(actorName ?? user.UserName ?? "anonymous", 100),
            Action = entry.Action,
            ObjectType = entry.ObjectType,
            ObjectId = Truncate(entry.ObjectId, 200),
            UnitPath = entry.UnitPath,
            Outcome = entry.Outcome,
            IpAddress = user.IpAddress,
            Details = entry.Details,
            PreviousHash = string.Empty,
            Hash = string.Empty,
        });
    }

    internal void CaptureWrites(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || entry.Entity is AuditEvent or AuditCheckpoint or INotAudited)
            {
                continue;
            }

            var type = entry.Metadata.ClrType.Name;
            var key = entry.Metadata.FindPrimaryKey();
            var id = key is null ? null : string.Join("/", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            var verb = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Modified => "updated",
                _ => "deleted",
            };
            var changed = entry.State == EntityState.Modified
                ? string.Join(",", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : null;
            Record(new AuditEntry(
                $"{type}.{verb}",
                type,
                id,
                Details: changed is null ? null : $"changed: {changed}",
                UnitPath: (entry.Entity as IUnitOwned)?.UnitPath));
        }
    }

    internal void DiscardPending() => _pending.Clear();

    internal void MarkWritten() => _pending.Clear();

    /// <summary>PostgreSQL keeps microseconds: hash exactly what the database will give back.</summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
