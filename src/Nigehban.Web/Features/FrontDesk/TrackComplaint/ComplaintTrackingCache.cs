using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Caching;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.FrontDesk.TrackComplaint;

/// <summary>Configuration section <c>FrontDesk:TrackingCache</c>: the in-process cache of complaint tracking answers.</summary>
public sealed class ComplaintTrackingCacheOptions
{
    public const string Section = "FrontDesk:TrackingCache";

    /// <summary>Complaints held at most; 0 turns the cache off.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>How long an answer is served from memory at most: how late another instance's change can show.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed record TrackedComplaintStep(ComplaintEvent Event, DateTimeOffset At, string? Note, string? ToUnit);

/// <summary>What tracking shows of one complaint before the language is chosen (names are looked up per request).</summary>
public sealed record TrackedComplaint(
    string Reference,
    string CategoryCode,
    ComplaintStatus Status,
    string UnitCode,
    DateTimeOffset ReceivedAt,
    DateTimeOffset StageDueAt,
    string? OfficerName,
    string? OfficerPhone,
    ComplaintOutcome? Outcome,
    string? DisposalNote,
    int? Rating,
    List<TrackedComplaintStep> Steps);

/// <summary>Complaint tracking answers (as ADR-015 for applications), served only to the phone they were read with.</summary>
public sealed class ComplaintTrackingCache(ComplaintTrackingCacheOptions options, TimeProvider clock)
    : SecretKeyedCache<TrackedComplaint>(options.MaxEntries, options.Expiry, clock);

/// <summary>
/// Evicts the tracking answers of complaints a save changed (the complaint or its timeline) once the
/// change has committed; a new complaint has nothing to evict (a 404 is never held), and a step saved
/// without its complaint evicts everything, since its reference is not known here.
/// </summary>
internal sealed class ComplaintTrackingCacheInvalidation(ComplaintTrackingCache cache) : AfterCommitInterceptor<ComplaintTrackingCacheInvalidation.Pending>
{
    protected override void Collect(DbContext context)
    {
        Dictionary<Guid, string>? tracked = null;
        HashSet<Guid>? added = null;
        List<Guid>? owners = null;
        List<string>? references = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case StationComplaint complaint:
                    (tracked ??= [])[complaint.Id] = complaint.Reference;
                    if (entry.State == EntityState.Added)
                    {
                        (added ??= []).Add(complaint.Id);
                    }
                    else if (entry.State is EntityState.Modified or EntityState.Deleted)
                    {
                        (references ??= []).Add(complaint.Reference);
                    }

                    break;
                case ComplaintStep step when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    (owners ??= []).Add(step.ComplaintId);
                    break;
                case Complainant when entry.State is EntityState.Modified or EntityState.Deleted:
                    // Owned by its complaint and keyed by the complaint's id.
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
                    pending.All = true;
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
