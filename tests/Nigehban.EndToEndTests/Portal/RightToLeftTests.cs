using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Dashboard.Pages;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>
/// Urdu pages as Chromium draws them: the order of the characters on screen, not in the markup.
/// Codes and numbers inside right-to-left text must stay whole and read left to right.
/// </summary>
public sealed class RightToLeftTests(BrowserApp app)
{
    private static readonly CultureInfo Urdu = CultureInfo.GetCultureInfo("ur");

    /// <summary>
    /// The element's characters in the order they appear on screen, left to right, one string per
    /// line box. Each character's box comes from a one-character range; marks of no width are skipped.
    /// </summary>
    private const string VisualLines = """
        element => {
            const chars = [];
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.length; i++) {
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const box = range.getBoundingClientRect();
                    if (box.width > 0) {
                        chars.push({ c: node.data[i], x: box.left, y: box.top + box.height / 2 });
                    }
                }
            }
            const lines = [];
            for (const ch of chars) {
                const line = lines.find(l => Math.abs(l.y - ch.y) < 4);
                if (line) { line.chars.push(ch); } else { lines.push({ y: ch.y, chars: [ch] }); }
            }
            return lines.sort((a, b) => a.y - b.y).map(l => l.chars.sort((a, b) => a.x - b.x).map(c => c.c).join(''));
        }
        """;

    [Fact]
    public async Task UrduStationList_ShowsUrduNames_WithEachCodeWholeAndLeftToRight()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);

        await page.GotoAsync("/culture/ur?returnUrl=%2Fstations%3Fdistrict%3DSKP");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator(".brand-name")).ToHaveTextAsync("پنجاب پولیس");
        var stations = page.Locator(".station");
        (await stations.CountAsync()).ShouldBeGreaterThan(0);
        for (var i = 0; i < await stations.CountAsync(); i++)
        {
            var station = stations.Nth(i);
            var code = (await station.Locator(".station-code").TextContentAsync())!.Trim();
            await Expect(station.Locator(".station-name")).ToHaveTextAsync(app.Unit(code).NameIn(Urdu));

            (await VisualLinesAsync(station.Locator(".station-code"))).ShouldBe([code], "the code is on one line, in its own order");
            var name = await BoxAsync(station.Locator(".station-name"));
            var codeBox = await BoxAsync(station.Locator(".station-code"));
            (codeBox.X + codeBox.Width).ShouldBeLessThanOrEqualTo(name.X + 1, "right to left: the name first, at the right; the code after it, to its left");
        }

        await Screenshots.SaveAsync(page, "stations-ur.png");
    }

    [Fact]
    public async Task UrduConsole_ShowsUrduUnitNames_WithCodesWholeBesideThem()
    {
        var ig = await app.CreateStaffAsync(Roles.Ig, "PB");
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, ig.UserName, ig.Password, ig.TotpSecret);
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await page.WaitForURLAsync("**/console");
        await SignIn.WaitUntilInteractiveAsync(page);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("#working-unit")).ToHaveTextAsync("پنجاب");
        var rows = page.Locator("#child-units tbody tr");
        await Expect(rows).ToHaveCountAsync(app.ChildrenOf("PB").Count);
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var code = (await rows.Nth(i).Locator(".unit-code").TextContentAsync())!.Trim();
            await Expect(rows.Nth(i).Locator(".unit-row-name")).ToHaveTextAsync(app.Unit(code).NameIn(Urdu));
        }

        // The dashboard ranks units in a narrow column: name, then the code beside or below it.
        // A code that may wrap breaks at its hyphen ("RGN-" at the end of one line, "SKP" on the next).
        await page.GotoAsync("/console/dashboard");
        await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-interactive", "true");
        var codes = page.Locator("[data-testid=child-link] + .unit-code");
        await Expect(codes).ToHaveCountAsync(app.ChildrenOf("PB").Count);
        for (var i = 0; i < await codes.CountAsync(); i++)
        {
            var code = (await codes.Nth(i).TextContentAsync())!.Trim();
            (await VisualLinesAsync(codes.Nth(i))).ShouldBe([code], "the code is on one line, in its own order");
        }

        await Screenshots.SaveAsync(page, "dashboard-units-ur.png");
    }

    [Fact]
    public async Task SuppressedCount_ReadsLessThanFive_InARightToLeftPage()
    {
        var page = await app.NewPageAsync();
        var shown = DashboardDisplay.Value(null!, "watchlist_hits", new MetricValue(null, Suppressed: true));

        // The same right-to-left context as a KPI tile on the Urdu dashboard, with and without the isolation.
        await page.SetContentAsync(
            $"""<html lang="ur" dir="rtl"><body><div class="kpi-value" id="shown">{WebUtility.HtmlEncode(shown)}</div><div id="raw">{WebUtility.HtmlEncode(MetricValue.SuppressedText)}</div></body></html>""");

        (await VisualLinesAsync(page.Locator("#shown"))).ShouldBe(["<5"]);
        // Proof that the check can fail: the bare text is drawn "5" then a mirrored "<", which reads "5>".
        (await VisualLinesAsync(page.Locator("#raw"))).ShouldBe(["5<"]);
    }

    private static async Task<string[]> VisualLinesAsync(ILocator element) => await element.EvaluateAsync<string[]>(VisualLines);

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator element) =>
        await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not displayed.");
}
