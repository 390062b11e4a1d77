using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// The browser contexts each test opened, closed when the test ends. Left open, every page of the run
/// stayed alive until the browser closed: hundreds of live circuits, some refreshing themselves on a
/// timer, loading the app and the browser more with every test, so the tests that ran last (the
/// accessibility walk among them) met a browser and a server far busier than their own work.
/// </summary>
public static class TestBrowserContexts
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<IBrowserContext>> ByTest = new();

    /// <summary>Closed when the running test ends; a context opened outside a test (a fixture's) is left alone.</summary>
    public static void Track(IBrowserContext context)
    {
        var testKey = AccessibilityAudit.CurrentTestKey();
        if (testKey != AccessibilityAudit.OutsideATest)
        {
            ByTest.GetOrAdd(testKey, _ => new ConcurrentQueue<IBrowserContext>()).Enqueue(context);
        }
    }

    /// <summary>Closes the contexts of the test that is running, each given a few seconds at most.</summary>
    public static async Task CloseTheTestsAsync()
    {
        if (!ByTest.TryRemove(AccessibilityAudit.CurrentTestKey(), out var contexts))
        {
            return;
        }

        foreach (var context in contexts)
        {
            // Not awaited past a few seconds: closing a tab whose renderer is stuck can hang.
            await Task.WhenAny(CloseQuietlyAsync(context), Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    /// <summary>How many tabs the whole browser has open now (for a timeout's message).</summary>
    public static int OpenTabs(IBrowser browser) => browser.Contexts.Sum(c => c.Pages.Count);

    private static async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already closed by the test, or the browser is going away.
        }
    }
}
