using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// Evicts the tracking answers of applications a save changed or deleted (the application, its
/// applicant or its timeline), once the change has committed (ADR-015). References are collected per context
/// while it saves and evicted when its transaction commits, or right after the save when it ran
/// without one (then the database committed each statement as it ran); a rollback drops them.
/// Evicting before the commit would let a concurrent read put the old state back.
/// </summary>
/// <remarks>
/// A transaction that ends without commit or rollback (disposed after a failure) leaves its
/// references on the context, which the pool hands out again; they go at that context's next
/// commit. Evicting too much costs a read, never a stale answer.
/// </remarks>
internal sealed class TrackingCacheInvalidation : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public static readonly TrackingCacheInvalidation Instance = new();

    private static readonly ConditionalWeakTable<DbContext, Pending> PendingEvictions = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EvictIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Evict(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A save outside a transaction of the caller's has committed by the time it returns (EF's own
    /// transaction, whose commit evicted already, or statements committed one by one).
    /// </summary>
    private static void EvictIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Evict(context);
        }
    }

    private static void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // A new application has nothing to evict: no answer is held for a reference without a
        // committed row (a 404 is never cached). Skipping it keeps submissions free of this work.
        Dictionary<Guid, string>? tracked = null;
        HashSet<Guid>? added = null;
        List<Guid>? owners = null;
        List<string>? references = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var changed = entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
            switch (entry.Entity)
            {
                case ServiceRequest request:
                    (tracked ??= [])[request.Id] = request.Reference;
                    if (entry.State == EntityState.Added)
                    {
                        (added ??= []).Add(request.Id);
                    }
                    else if (entry.State is EntityState.Modified or EntityState.Deleted)
                    {
                        (references ??= []).Add(request.Reference);
                        if (entry.State == EntityState.Modified && entry.Property(nameof(ServiceRequest.Reference)).OriginalValue is string original && original != request.Reference)
                        {
                            references.Add(original);
                        }
                    }

                    break;
                case ServiceRequestStep step when changed:
                    (owners ??= []).Add(step.ServiceRequestId);
                    break;
                case Applicant when changed:
                    // Owned by its application and keyed by the application's id.
                    if (entry.Property(entry.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue is Guid owner)
                    {
                        (owners ??= []).Add(owner);
                    }

                    break;
            }
        }

        owners?.RemoveAll(owner => added is not null && added.Contains(owner));
        if (references is null && (owners is null || owners.Count == 0))
        {
            return;
        }

        var pending = PendingEvictions.GetOrCreateValue(context);
        lock (pending)
        {
            pending.References.UnionWith(references ?? []);
            foreach (var owner in owners ?? [])
            {
                if (tracked is not null && tracked.TryGetValue(owner, out var reference))
                {
                    pending.References.Add(reference);
                }
                else
                {
                    pending.All = true; // a step or applicant saved without its application: which reference is unknown here
                }
            }
        }
    }

    private static void Drop(DbContext? context)
    {
        if (context is not null)
        {
            PendingEvictions.Remove(context);
        }
    }

    private static void Evict(DbContext? context)
    {
        if (context is null || !PendingEvictions.TryGetValue(context, out var pending))
        {
            return;
        }

        PendingEvictions.Remove(context);
        var cache = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TrackingCache>();
        if (cache is null)
        {
            return; // a process without the web app's services (a design-time or command-line context) holds no cache
        }

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

    private sealed class Pending
    {
        public HashSet<string> References { get; } = new(StringComparer.Ordinal);

        public bool All { get; set; }
    }
}
