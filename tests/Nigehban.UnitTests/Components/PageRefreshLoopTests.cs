using Microsoft.Extensions.Logging.Abstractions;
using Nigehban.Web.Components.StaffConsole;
using Shouldly;

namespace Nigehban.UnitTests.Components;

public sealed class PageRefreshLoopTests
{
    [Fact]
    public async Task ATickThatFails_IsFollowedByTheNextTick()
    {
        var ticks = 0;
        var secondTick = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var loop = PageRefreshLoop.Start(TimeSpan.FromMilliseconds(20), work => work(), () =>
        {
            if (Interlocked.Increment(ref ticks) == 1)
            {
                throw new InvalidOperationException("the database is away for a moment");
            }

            secondTick.TrySetResult();
            return Task.CompletedTask;
        }, NullLogger.Instance);

        await secondTick.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        ticks.ShouldBeGreaterThanOrEqualTo(2);
    }
}
