namespace Nigehban.Web.Platform.Outbox;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the dispatcher looks for due messages when the last look found few.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Messages claimed per pass. Under load a pass claims a full batch, so this sets how many
    /// claims and delivery records a burst costs; a pass's deliveries must fit in <see cref="ClaimLease"/>.
    /// </summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Delay after the first failure; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts the message is given up (kept, with its last error).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>
    /// A claimed message is not claimed again for this long, so a dispatcher that died mid-delivery
    /// only delays it. Longer than any channel's timeout, or a slow delivery may be repeated.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryDelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = RetryDelay * Math.Pow(2, exponent);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
