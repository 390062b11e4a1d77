using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>Time, reference numbers and deadlines for service requests, from the platform mechanisms and the force pack.</summary>
public sealed class ServiceRequestClock(TimeProvider time, AllocateReferenceNumber references, DeadlineCalculator deadlines, ServiceCatalogue catalogue)
{
    /// <summary>The reference kind of every service-centre application: the pack's <c>referencePrefix</c>.</summary>
    public string ReferenceKind => catalogue.ReferencePrefix;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Taken before the request's own transaction, from this process's block of the district's
    /// counter (ADR-013): holding the counter row for the whole submission would serialise every
    /// centre of the district, and bumping it for every submission costs a commit each. A failed
    /// submission or a restart leaves a gap in the sequence, never a duplicate.
    /// </summary>
    public async Task<string> NextReferenceAsync(UnitInfo unit, CancellationToken cancellationToken) =>
        (await references.NextFromBlockAsync(ReferenceKind, unit.Code, cancellationToken)).ToString();

    public DateTimeOffset DueAt(DateTimeOffset start, string sla) => deadlines.DueAt(start, Deadline.Parse(sla));
}
