namespace Nigehban.Web.Features.Identity;

/// <summary>Session and lockout limits (configuration section <c>Identity</c>); the defaults are the policy.</summary>
public sealed class SessionLimits
{
    public const string Section = "Identity";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Sliding updates of LastSeenAt are written at most this often per session, so a busy user does
    /// not write on every request. The idle limit is measured from the last write, so it can end a
    /// session up to this much early, never late.
    /// </summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Why the session must end now, or null while it may go on. The one rule for HTTP requests and
    /// Blazor circuits alike. <paramref name="lastActivityAt"/> is activity not yet written to
    /// <see cref="StaffSession.LastSeenAt"/> (a circuit's events).
    /// </summary>
    public string? ReasonToEnd(StaffSession session, StaffAccount account, DateTimeOffset now, DateTimeOffset? lastActivityAt = null)
    {
        var lastSeen = lastActivityAt is { } activity && activity > session.LastSeenAt ? activity : session.LastSeenAt;
        return session.EndedAt is not null ? session.EndReason ?? "ended"
            : account.IsDisabled ? "account disabled"
            : account.LockedOutAt is not null ? "account locked"
            : now >= session.AbsoluteExpiresAt ? "absolute limit"
            : now - lastSeen >= IdleTimeout ? "idle timeout"
            : null;
    }
}
