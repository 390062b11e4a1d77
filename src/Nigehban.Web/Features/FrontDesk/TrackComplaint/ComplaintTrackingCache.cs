using Microsoft.EntityFrameworkCore.ChangeTracking;
using Nigehban.Web.Platform.Caching;

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

/// <summary>Evicts the tracking answers of complaints a save changed (the complaint, its complainant or its timeline) once the change has committed.</summary>
internal sealed class ComplaintTrackingCacheInvalidation(ComplaintTrackingCache cache) : CacheEvictionAfterCommit<TrackedComplaint>(cache)
{
    protected override void Classify(EntityEntry entry, RecordChanges changes)
    {
        switch (entry.Entity)
        {
            case StationComplaint complaint:
                changes.Record(entry, complaint.Id, complaint.Reference);
                break;
            case ComplaintStep step when RecordChanges.Changes(entry):
                changes.Part(step.ComplaintId);
                break;
            case Complainant when RecordChanges.Changes(entry):
                changes.OwnedPart(entry);
                break;
        }
    }
}
