using Nigehban.EndToEndTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>A new page's ordinary test, which asks nothing about accessibility: the hook must fail it.</summary>
public sealed class AccessibilityProbeTests(BrowserApp app)
{
    [Fact]
    public async Task ProbePage_ShowsItsHeading()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/accessibility-probe");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Probe");
    }
}
