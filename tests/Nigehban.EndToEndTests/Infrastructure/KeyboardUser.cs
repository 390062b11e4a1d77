using Microsoft.Playwright;
using Shouldly;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>Moves through a page as someone without a mouse does: Tab, Enter, Space, Escape.</summary>
public static class KeyboardUser
{
    /// <summary>
    /// Presses Tab until the element matching <paramref name="selector"/> has focus, and checks that the
    /// focus can be seen there. Fails when the element is not reached within <paramref name="maxPresses"/>.
    /// </summary>
    public static async Task TabToAsync(IPage page, string selector, int maxPresses = 120)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                await FocusShouldBeVisibleAsync(page);
                return;
            }
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing'");
        throw new ShouldAssertException($"Tab never reached {selector} in {maxPresses} presses; focus ended on {focused}");
    }

    /// <summary>The focused element draws a ring at least 2 px wide (WCAG 2.4.7, focus visible).</summary>
    public static async Task FocusShouldBeVisibleAsync(IPage page)
    {
        var ring = await page.EvaluateAsync<string>("""
            () => {
                const style = getComputedStyle(document.activeElement);
                return style.outlineStyle === 'none' ? 'none' : style.outlineWidth;
            }
            """);
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 160)");
        ring.ShouldNotBe("none", $"the focused element shows no focus ring: {focused}");
        double.Parse(ring.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(2);
    }
}
