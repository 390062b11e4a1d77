using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>A new fact of a metric flagged <see cref="MetricDefinition.Alert"/>, published after its transaction committed.</summary>
public sealed record DashboardAlert(string Metric, string UnitCode, string UnitPath, DateTimeOffset At, string? Reference, string? Dimension);

/// <summary>
/// In-process fan-out of dashboard alerts (singleton). Subscribers filter by jurisdiction
/// themselves (a page by its viewer, the hub by its connection). A failing or slow subscriber
/// never fails the write that raised the alert: handlers run after commit, fire-and-forget.
/// </summary>
public sealed class DashboardSignals(ILogger<DashboardSignals> logger)
{
    private readonly Lock _gate = new();
    private Func<DashboardAlert, Task>[] _handlers = [];

    public IDisposable Subscribe(Func<DashboardAlert, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Publish(DashboardAlert alert)
    {
        foreach (var handler in _handlers)
        {
            _ = RunAsync(handler, alert);
        }
    }

    private async Task RunAsync(Func<DashboardAlert, Task> handler, DashboardAlert alert)
    {
        try
        {
            await handler(alert);
        }
#pragma warning disable CA1031 // a subscriber's failure must not reach the writer
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A dashboard alert subscriber failed for {Metric}", alert.Metric);
        }
    }

    private void Unsubscribe(Func<DashboardAlert, Task> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(DashboardSignals owner, Func<DashboardAlert, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(handler);
            }
        }
    }
}
