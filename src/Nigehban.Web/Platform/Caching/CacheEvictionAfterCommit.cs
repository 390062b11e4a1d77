using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Caching;

/// <summary>
/// Evicts the cached answers of the records a save changed, once the change has committed (ADR-015):
/// evicting before the commit would let a concurrent read put the old state back; a rollback drops
/// what was collected. A module names, per tracked entry, what it changes (<see cref="Classify"/>):
/// its record, a part of a record (a timeline step, an owned person), or a reference directly.
/// </summary>
/// <remarks>
/// A new record has nothing to evict (an answer is held only for a committed row; a 404 is never
/// cached), and neither have its new parts. A part saved without its record evicts everything,
/// since its reference is not known here: evicting too much costs a read, never a stale answer.
/// </remarks>
public abstract class CacheEvictionAfterCommit<TValue>(SecretKeyedCache<TValue> cache) : AfterCommitInterceptor<CacheEvictionAfterCommit<TValue>.Pending>
    where TValue : class
{
    /// <summary>Notes in <paramref name="changes"/> what <paramref name="entry"/> changes, if it is one of the module's records or their parts.</summary>
    protected abstract void Classify(EntityEntry entry, RecordChanges changes);

    protected sealed override void Collect(DbContext context)
    {
        var changes = new RecordChanges();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            Classify(entry, changes);
        }

        if (changes.IsEmpty)
        {
            return;
        }

        var pending = PendingFor(context);
        lock (pending)
        {
            changes.AddTo(pending);
        }
    }

    protected sealed override void Release(DbContext context, Pending pending)
    {
        lock (pending)
        {
            if (pending.All)
            {
                cache.EvictAll();
            }
            else
            {
                cache.Evict(pending.References);
            }
        }
    }

    public sealed class Pending
    {
        public HashSet<string> References { get; } = new(StringComparer.Ordinal);

        public bool All { get; set; }
    }
}

/// <summary>What one save changes of a module's cached records, as <see cref="CacheEvictionAfterCommit{TValue}.Classify"/> finds it.</summary>
public sealed class RecordChanges
{
    private Dictionary<Guid, string>? _tracked;
    private HashSet<Guid>? _added;
    private List<Guid>? _owners;
    private List<string>? _references;

    /// <summary>Whether an entry's state is a change (added, modified or deleted).</summary>
    public static bool Changes(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    /// <summary>A record (an application, a complaint) tracked in the save, changed or not: its parts are told by its reference.</summary>
    public void Record(EntityEntry entry, Guid id, string reference)
    {
        (_tracked ??= [])[id] = reference;
        if (entry.State == EntityState.Added)
        {
            (_added ??= []).Add(id);
        }
        else if (entry.State is EntityState.Modified or EntityState.Deleted)
        {
            Reference(reference);
        }
    }

    /// <summary>A part of the record with id <paramref name="ownerId"/> changed (a step, a document).</summary>
    public void Part(Guid ownerId) => (_owners ??= []).Add(ownerId);

    /// <summary>An owned entity changed: owned by its record and keyed by the record's id.</summary>
    public void OwnedPart(EntityEntry entry)
    {
        if (entry.Property(entry.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue is Guid owner)
        {
            Part(owner);
        }
    }

    /// <summary>The record with this reference changed.</summary>
    public void Reference(string reference) => (_references ??= []).Add(reference);

    internal bool IsEmpty
    {
        get
        {
            _owners?.RemoveAll(owner => _added is not null && _added.Contains(owner));
            return _references is null && (_owners is null || _owners.Count == 0);
        }
    }

    internal void AddTo<TValue>(CacheEvictionAfterCommit<TValue>.Pending pending)
        where TValue : class
    {
        pending.References.UnionWith(_references ?? []);
        foreach (var owner in _owners ?? [])
        {
            if (_tracked is not null && _tracked.TryGetValue(owner, out var reference))
            {
                pending.References.Add(reference);
            }
            else
            {
                pending.All = true;
            }
        }
    }
}
