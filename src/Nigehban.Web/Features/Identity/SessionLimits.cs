namespace Nigehban.Web.Features.Identity;

/// <summary>Session and lockout limits (configuration section <c>Identity</c>); the defaults are the policy.</summary>
public sealed class SessionLimits
{
    public const string Section = "Identity";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sliding updates of LastSeenAt are written at most this often per session.</summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(1);
}
