using System.Collections.Concurrent;

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
