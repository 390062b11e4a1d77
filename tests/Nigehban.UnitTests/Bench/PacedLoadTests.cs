using System.Diagnostics;
using Nigehban.Bench.Load;
using Shouldly;

namespace Nigehban.UnitTests.Bench;

/// <summary>
/// The bench's load at a fixed rate (ADR-019): it sends what falls due however the server answers,
/// and a slow answer counts against every request it held back. The send here is a delegate, not
/// HTTP, so that each test decides how the "server" behaves. Every bound below only gets safer on
/// a slower machine: the counts are fixed by the schedule, and lateness only adds latency. The fake
/// server's slowness is waited out on the Stopwatch, since Task.Delay may end a little early.
/// </summary>
public sealed class PacedLoadTests
{
    [Fact]
    public async Task EveryRequestDueInTheWindow_IsSentAndCounted()
    {
        using var http = new HttpClient();
        var sent = 0;
        var load = new PacedLoad(http, clients: 4, rate: 100, warmup: TimeSpan.FromMilliseconds(205), duration: TimeSpan.FromSeconds(1), seed: 1);

        var measured = await load.RunAsync("paced", (_, _) =>
        {
            Interlocked.Increment(ref sent);
            return Task.FromResult<string?>(null);
        }, TestContext.Current.CancellationToken);

        // Four schedules 40 ms apart, staggered by 10 ms (no due time on a window's edge): 100 fall
        // due in the second measured, 21 in the warm-up.
        measured.Operations.ShouldBe(100);
        sent.ShouldBe(121);
        measured.Errors.ShouldBe(0);
    }

    [Fact]
    public async Task AStall_IsChargedToEveryRequestItHeldBack()
    {
        using var http = new HttpClient();
        var calls = 0;
        var load = new PacedLoad(http, clients: 1, rate: 50, warmup: TimeSpan.Zero, duration: TimeSpan.FromSeconds(1), seed: 1);

        var measured = await load.RunAsync("paced", async (_, token) =>
        {
            // The tenth request, due at 180 ms, takes 300 ms; the fourteen due meanwhile go late.
            if (Interlocked.Increment(ref calls) == 10)
            {
                await AtLeastAsync(TimeSpan.FromMilliseconds(300), token);
            }

            return null;
        }, TestContext.Current.CancellationToken);

        measured.Operations.ShouldBe(50);
        measured.Latency.ShouldNotBeNull();
        measured.Latency.Max.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        // Timed from their send, only the stalled request would be slow and p95 would be near zero.
        // Timed from when they fell due, the ten due at 200–380 ms waited at least 100 ms each.
        measured.Latency.P95.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task AServerSlowerThanTheRate_AnswersFewerASecondThanOffered()
    {
        using var http = new HttpClient();
        var load = new PacedLoad(http, clients: 1, rate: 100, warmup: TimeSpan.Zero, duration: TimeSpan.FromMilliseconds(500), seed: 1);

        // 20 ms an answer on one client: at most 50 a second against the 100 offered.
        var measured = await load.RunAsync("paced", async (_, token) =>
        {
            await AtLeastAsync(TimeSpan.FromMilliseconds(20), token);
            return null;
        }, TestContext.Current.CancellationToken);

        measured.Operations.ShouldBe(50);
        measured.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        measured.PerSecond.ShouldBeLessThanOrEqualTo(50);
    }

    private static async Task AtLeastAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(1, cancellationToken);
        }
    }
}
