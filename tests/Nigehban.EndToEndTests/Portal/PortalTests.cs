using Microsoft.Extensions.DependencyInjection;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

public sealed class PortalTests(BrowserApp app)
{
    [Fact]
    public async Task Portal_WithoutJavaScript_FindsTheStationsOfADistrict()
    {
        var district = app.Unit("LHR");
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/");
        await Expect(page.Locator(".brand-name")).ToHaveTextAsync("Punjab Police");
        await Expect(page.Locator(".task-card")).ToHaveCountAsync(6);
        await Expect(page.Locator(".task-card a[href='/virtual-desk']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".task-card a[href='/complaints/new']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".task-card a[href='/police-complaints/new']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "portal.png");

        await page.Locator(".hero-card select[name=district]").SelectOptionAsync(district.Code);
        await page.Locator(".hero-card button[type=submit]").ClickAsync();

        await page.WaitForURLAsync("**/stations?district=LHR");
        await Expect(page.Locator(".station")).ToHaveCountAsync(
            app.Services.GetRequiredService<UnitDirectory>().All.Count(u => u.Kind == "station" && u.Path.StartsWith(district.Path, StringComparison.Ordinal)));
        await Expect(page.Locator(".station").First).ToContainTextAsync("LHR-PS01");
    }
}
