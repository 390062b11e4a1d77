using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Dashboard;

/// <summary>What a commander reads on the dashboard: the chosen period and interval, the map's legend, and a unit they may not see.</summary>
public sealed partial class DashboardReadingTests(BrowserApp app)
{
    // The contrast of an element's text on its own background (WCAG 2.1 relative luminance); the background
    // is the first opaque one from the element up, as a reader sees it. Measured once the button's colour
    // transitions have run: halfway through one, text and background can be the same colour for a moment.
    private const string ContrastScript = """
        async element => {
            await Promise.all(element.getAnimations({ subtree: true }).map(a => a.finished.catch(() => null)));
            const parse = c => (c.match(/[\d.]+/g) || []).map(Number);
            const luminance = ([r, g, b]) => {
                const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
            };
            let background = null;
            for (let e = element; e && !background; e = e.parentElement) {
                const c = parse(getComputedStyle(e).backgroundColor);
                if (c.length >= 3 && (c.length === 3 || c[3] > 0.99)) background = c;
            }
            const label = element.querySelector('.mud-button-label') || element;
            const [a, b] = [luminance(parse(getComputedStyle(label).color)), luminance(background || [255, 255, 255])];
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;

    [Fact]
    public async Task ChosenPeriodAndInterval_AreReadable_AndTheMapLegendBandsWholeCounts()
    {
        // A district with a few applications and many with none: the counts a legend must not split into fractions.
        const string district = "BWP";
        await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, app.ChildrenOf(district).SelectMany(s => app.ChildrenOf(s.Code)).First().Code, ServiceCentreCitizen.NewName());
        var rpo = await app.CreateStaffAsync(Roles.Rpo, app.Unit(district).ParentCode!);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, rpo.UserName, rpo.Password, rpo.TotpSecret);
        await page.GotoAsync("/console/dashboard?period=thismonth");
        await Expect(page.Locator("#dashboard-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("#dashboard-page")).Not.ToHaveAttributeAsync("data-loads", "0");

        // Chosen by a click, so focused as well as chosen: both states must keep 4.5:1.
        await page.Locator("#interval-week").ClickAsync();
        await Expect(page.Locator("#interval-week")).ToHaveAttributeAsync("aria-pressed", "true");
        foreach (var chosen in new[] { "#period-thismonth", "#interval-week" })
        {
            var contrast = await page.Locator(chosen).EvaluateAsync<double>(ContrastScript);
            contrast.ShouldBeGreaterThanOrEqualTo(4.5, $"{chosen} chosen: text against its background");
        }

        await page.Locator("#interval-week").HoverAsync();
        (await page.Locator("#interval-week").EvaluateAsync<double>(ContrastScript)).ShouldBeGreaterThanOrEqualTo(4.5, "chosen and hovered");
        var findings = await AccessibilityAudit.RunAsync(page);
        findings.Where(f => f.Rule == "color-contrast").ShouldBeEmpty(string.Join("\n", findings));

        // The map of the region's districts, coloured by applications received: whole-number bands only.
        await page.Locator("#map-card").ScrollIntoViewIfNeededAsync();
        var bands = (await page.Locator("#district-map .map-legend .legend-item bdi").AllInnerTextsAsync()).ToList();
        bands.ShouldNotBeEmpty();
        foreach (var band in bands)
        {
            var match = WholeBand().Match(band.Trim());
            match.Success.ShouldBeTrue($"legend band '{band}' is not a whole number or a range of them ({string.Join(" | ", bands)})");
            if (match.Groups["to"].Success)
            {
                Count(match.Groups["from"].Value).ShouldBeLessThan(Count(match.Groups["to"].Value), band);
            }
        }
    }

    [Fact]
    public async Task Dpo_OpeningAnotherDistrictsDashboardOrRecords_SeesOneNotFoundPage()
    {
        var dpo = await app.CreateStaffAsync(Roles.Dpo, "SWL");
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, dpo.UserName, dpo.Password, dpo.TotpSecret);

        // One page, with status 404, whatever was asked for: the localized not-found page, with the way back to the console.
        var dashboard = await page.GotoAsync("/console/dashboard/MLT");
        dashboard!.Status.ShouldBe(404);
        await Expect(page.Locator("#not-found-page h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator(".kpi-tile")).ToHaveCountAsync(0);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var records = await page.GotoAsync($"/console/dashboard/MLT/records?metric=service_requests_received&from={today}&to={today}");
        records!.Status.ShouldBe(404);
        await Expect(page.Locator("#not-found-page h1")).ToHaveTextAsync("Page not found");

        // In the reader's language, and the way back is to their own console.
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole%2Fdashboard%2FMLT");
        await Expect(page.Locator("#not-found-page h1")).ToHaveTextAsync("صفحہ نہیں ملا");
        await page.Locator("#go-console").ClickAsync();
        await page.WaitForURLAsync("**/console");
    }

    [Fact]
    public async Task ConsoleHome_OfAStationOfficer_ShowsNoEmptyOrRepeatedCards()
    {
        var station = app.Demo("frontdesk").Unit;
        var desk = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var page = await app.NewPageAsync();

        await SignIn.AsAsync(page, desk.UserName, desk.Password, desk.TotpSecret);

        await Expect(page.Locator("#working-unit")).ToHaveTextAsync(app.Unit(station).Name);
        await Expect(page.Locator(".stat-tile")).ToHaveCountAsync(0);
        await Expect(page.Locator("#child-units")).ToHaveCountAsync(0);
        await Expect(page.GetByText("No units below this one.")).ToHaveCountAsync(1);
    }

    private static long Count(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<from>\d{1,3}(,\d{3})*)(–(?<to>\d{1,3}(,\d{3})*))?$")]
    private static partial Regex WholeBand();
}
