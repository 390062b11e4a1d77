using Nigehban.EndToEndTests.Infrastructure;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>Browsers get pages: an address that leads nowhere is the portal's own 404 page, with a way home.</summary>
public sealed class NotFoundPageTests(BrowserApp app)
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/services/no-such-service/apply/extra")]
    [InlineData("/queue/LHR")]
    public async Task AnAddressThatLeadsNowhere_IsThePortalsNotFoundPage_WithAWayHome(string address)
    {
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync(address);

        response!.Status.ShouldBe(404);
        (await response.HeaderValueAsync("content-type"))!.ShouldStartWith("text/html");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("header.portal-header")).ToBeVisibleAsync();
        await page.Locator("#go-home").ClickAsync();
        await page.WaitForURLAsync(app.BaseAddress.ToString());
    }
}
