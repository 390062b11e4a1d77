namespace Nigehban.Web.Components.StaffConsole;

/// <summary>
/// Repeats a page's refresh at a fixed interval while the page is open, so it follows what other
/// officers do without a click. Each tick runs on the page's renderer (pass the component's
/// <c>InvokeAsync</c>); disposing the loop, from the page's <c>Dispose</c>, stops it. A tick that
/// fails (the database unavailable for a moment) is logged and the next tick tries again: the loop
/// runs unobserved, and a loop that died on its first error would leave the page silently stale.
/// </summary>
public sealed class PageRefreshLoop : IDisposable
{
    private readonly CancellationTokenSource stop = new();

    private PageRefreshLoop()
    {
    }

    public static PageRefreshLoop Start(TimeSpan every, Func<Func<Task>, Task> invokeAsync, Func<Task> refresh, ILogger logger)
    {
        var loop = new PageRefreshLoop();
        _ = loop.RunAsync(every, invokeAsync, refresh, logger);
        return loop;
    }

    private async Task RunAsync(TimeSpan every, Func<Func<Task>, Task> invokeAsync, Func<Task> refresh, ILogger logger)
    {
        var closed = stop.Token;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(closed))
            {
                try
                {
                    await invokeAsync(async () =>
                    {
                        if (!closed.IsCancellationRequested)
                        {
                            await refresh();
                        }
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "A page's timed refresh failed; the next tick tries again");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
