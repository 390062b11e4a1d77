using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// Evicts the tracking answers of applications a save changed or deleted (the application, its
/// applicant or its timeline), once the change has committed (ADR-015). References are collected per context
/// while it saves and evicted when its transaction commits, or right after the save when it ran
/// without one (then the database committed each statement as it ran); a rollback drops them.
/// Evicting before the commit would let a concurrent read put the old state back.
/// </summary>
/// <remarks>
/// References left on a context by a transaction that neither committed nor rolled back go at that
/// context's next commit (<see cref="AfterCommitInterceptor{TPending}"/>): evicting too much costs a
/// read, never a stale answer.
/// </remarks>
internal sealed class TrackingCacheInvalidation(TrackingCache cache) : AfterCommitInterceptor<TrackingCacheInvalidation.Pending>
{
    protected override void Collect(DbContext context)
    {
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
                // Tracking shows what arrived and when the fee was paid.
                case SupportingDocument document when changed:
                    (owners ??= []).Add(document.ServiceRequestId);
                    break;
                case FeePayment payment when changed:
                    (references ??= []).Add(payment.ServiceRequestReference);
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

        var pending = PendingFor(context);
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

    protected override void Release(DbContext context, Pending pending)
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

    internal sealed class Pending
    {
        public HashSet<string> References { get; } = new(StringComparer.Ordinal);

        public bool All { get; set; }
    }
}
