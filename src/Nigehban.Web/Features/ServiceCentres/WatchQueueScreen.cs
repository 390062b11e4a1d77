using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// Tells the waiting-hall screens of a centre that its queue changed (a token issued or called, a
/// counter opened or closed), in this process. Screens subscribe before they read, so a change made
/// while one is reading is not lost: it simply reads once more.
/// </summary>
public sealed class QueueChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completes at the centre's next change.</summary>
    public Task NextAsync(string unitCode) =>
        _next.GetOrAdd(unitCode, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Changed(string unitCode)
    {
        if (_next.TryRemove(unitCode, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}

/// <summary>
/// The waiting-hall screen as server-sent events: the screen now, then again at every change of the
/// centre's queue (ADR-027). A comment line every <see cref="KeepAlive"/> keeps proxies from closing an
/// idle stream and lets a screen see a dead connection; with several app instances, it is also when a
/// change made on another instance shows at the latest.
/// </summary>
public sealed class WatchQueueScreenHandler(ManageQueueHandler queue, QueueChanges changes, IHostApplicationLifetime lifetime)
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public const string EventType = "queue";

    public async IAsyncEnumerable<SseItem<QueueScreen>> WatchAsync(string unitCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribed before reading: a change made during the read is seen at the next turn.
        var next = changes.NextAsync(unitCode);
        var screen = await queue.ScreenAsync(unitCode, cancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        while (!stopping.IsCancellationRequested)
        {
            yield return new SseItem<QueueScreen>(screen, EventType) { ReconnectionInterval = TimeSpan.FromSeconds(5) };
            try
            {
                await next.WaitAsync(KeepAlive, stopping.Token);
            }
            catch (TimeoutException)
            {
                // Nothing changed here for a while: send the screen again (another instance may have changed it).
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            next = changes.NextAsync(unitCode);
            screen = await queue.ScreenAsync(screen.Unit, stopping.Token);
        }
    }
}
