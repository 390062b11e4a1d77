using Nigehban.Web.Platform.Caching;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>Configuration section <c>ServiceCentres:TrackingCache</c>: the in-process cache of public tracking answers (ADR-015).</summary>
public sealed class TrackingCacheOptions
{
    public const string Section = "ServiceCentres:TrackingCache";

    /// <summary>Applications held at most; 0 turns the cache off.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>
    /// How long an answer is served from memory at most. Another app instance's writes reach this
    /// one's cache only when its entries expire, so this bounds how stale tracking can be when
    /// several instances serve one database.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// What public tracking shows of one application, before the language is chosen: the service code
/// (its name is looked up per request), status, dates, the applicant's name already masked, the
/// reason meant for the citizen and the timeline with only the notes a citizen may read.
/// </summary>
public sealed record TrackedStatus(
    string Reference,
    string ServiceCode,
    ServiceRequestStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string MaskedApplicantName,
    string? ReasonForCitizen,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<string> ReceivedDocuments);

/// <summary>The service centres' public tracking answers (ADR-015), served only to the national ID they were read with.</summary>
public sealed class TrackingCache(TrackingCacheOptions options, TimeProvider clock)
    : SecretKeyedCache<TrackedStatus>(options.MaxEntries, options.Expiry, clock);
