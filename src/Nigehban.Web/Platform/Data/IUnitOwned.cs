namespace Nigehban.Web.Platform.Data;

/// <summary>
/// A record owned by a unit. The DbContext applies the jurisdiction filter to every entity that
/// implements this, so no handler can forget it. <see cref="UnitPath"/> is the owning unit's
/// materialised path, e.g. <c>/PB/RGN-LHR/LHR/LHR-C1/LHR-PS01/</c>.
/// </summary>
public interface IUnitOwned
{
    string UnitPath { get; }
}

/// <summary>Bookkeeping rows (sessions, outbox, counters) whose changes are not business writes to audit one by one.</summary>
public interface INotAudited;
