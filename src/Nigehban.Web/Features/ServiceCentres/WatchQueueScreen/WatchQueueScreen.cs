using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

using Nigehban.Web.Features.ServiceCentres.ReadQueueScreen;

namespace Nigehban.Web.Features.ServiceCentres.WatchQueueScreen;

/// <summary>
/// The waiting-hall screen as server-sent events: the screen now, then again at every change of the
/// centre's queue (ADR-027). A comment line every <see cref="KeepAlive"/> keeps proxies from closing an
/// idle stream and lets a screen see a dead connection; with several app instances, it is also when a
/// change made on another instance shows at the latest.
/// </summary>
public sealed class WatchQueueScreenHandler(ReadQueueScreenHandler queue, QueueChanges changes, IHostApplicationLifetime lifetime)
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public const string EventType = "queue";

    public async IAsyncEnumerable<SseItem<QueueScreen>> WatchAsync(string unitCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribed before reading: a change made during the read is seen at the next turn.
        var next = changes.NextAsync(unitCode);
        var screen = await queue.HandleAsync(unitCode, cancellationToken);
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
            screen = await queue.HandleAsync(screen.Unit, stopping.Token);
        }
    }
}
