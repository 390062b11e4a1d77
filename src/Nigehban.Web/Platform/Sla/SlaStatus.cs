namespace Nigehban.Web.Platform.Sla;

public enum SlaState
{
    OnTime,
    DueSoon,
    Breached,
}

/// <summary>Where an item stands against its deadline, the same way on every screen and in the dashboard.</summary>
public static class SlaStatus
{
    /// <summary>An open item is due soon in the last fifth of the time it was given.</summary>
    public const double DefaultDueSoonFraction = 0.2;

    /// <summary>
    /// Breached when finished (or, if still open, now) after <paramref name="dueAt"/>; due soon when
    /// still open and less than <paramref name="dueSoonFraction"/> of the allowed time remains;
    /// otherwise on time. A deadline met exactly is met.
    /// </summary>
    public static SlaState Of(
        DateTimeOffset startedAt,
        DateTimeOffset dueAt,
        DateTimeOffset now,
        DateTimeOffset? completedAt = null,
        double dueSoonFraction = DefaultDueSoonFraction)
    {
        if (dueSoonFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dueSoonFraction), "The due-soon fraction is between 0 and 1.");
        }

        if ((completedAt ?? now) > dueAt)
        {
            return SlaState.Breached;
        }

        if (completedAt is not null)
        {
            return SlaState.OnTime;
        }

        var allowed = dueAt - startedAt;
        var remaining = dueAt - now;
        return remaining <= allowed * dueSoonFraction ? SlaState.DueSoon : SlaState.OnTime;
    }
}
