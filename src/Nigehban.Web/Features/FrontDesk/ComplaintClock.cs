using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>Time, reference numbers and stage deadlines for complaints, from the platform and the pack.</summary>
public sealed class ComplaintClock(TimeProvider time, AllocateReferenceNumber references, DeadlineCalculator deadlines, FrontDeskPack pack)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Taken from this process's block of the district's counter, outside the complaint's transaction (ADR-013).</summary>
    public async Task<string> NextReferenceAsync(UnitInfo unit, CancellationToken cancellationToken) =>
        (await references.NextFromBlockAsync(pack.ReferencePrefix, unit.Code, cancellationToken)).ToString();

    public DateTimeOffset DueAt(DateTimeOffset start, ComplaintStatus stage, string categoryCode) =>
        deadlines.DueAt(start, pack.DeadlineOf(stage, categoryCode));

    /// <summary>When a breach still unmet is taken to the supervising unit's in-charge.</summary>
    public DateTimeOffset SupervisorDueAt(DateTimeOffset firstEscalation) => deadlines.DueAt(firstEscalation, pack.SupervisorEscalationAfter);
}
