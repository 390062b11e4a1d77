using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>
/// A form sent once and then sent again with other details (the back button, new details, submit)
/// carries the first submission's Idempotency-Key. The citizen is told plainly, on the form, and the
/// next submit goes through as the new application it is.
/// </summary>
public sealed class ResubmissionTests(BrowserApp app)
{
    [Fact]
    public async Task AFormSentAgainWithOtherDetails_SaysSoOnTheForm_AndTheNextSubmitIsANewApplication()
    {
        var station = app.Demo("frontdesk").Unit;
        var page = await app.NewPageAsync();
        await FillAsync(page, station, ServiceCentreCitizen.NewCnic(), ServiceCentreCitizen.NewName());
        var usedKey = await page.Locator("input[name=idempotencyKey]").InputValueAsync();
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reference")).ToBeVisibleAsync();
        var first = (await page.Locator("#reference").InnerTextAsync()).Trim();

        // The same form again, as the back button restores it: the first key, someone else's details.
        await FillAsync(page, station, ServiceCentreCitizen.NewCnic(), ServiceCentreCitizen.NewName());
        await page.Locator("input[name=idempotencyKey]").EvaluateAsync("(input, key) => input.value = key", usedKey);
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#error-summary")).ToContainTextAsync("already sent with other details");
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reference")).ToBeVisibleAsync();
        (await page.Locator("#reference").InnerTextAsync()).Trim().ShouldNotBe(first);
    }

    private static async Task FillAsync(IPage page, string station, string nationalId, string name)
    {
        await page.GotoAsync("/services/character-certificate/apply");
        await page.Locator("#nationalId").FillAsync(nationalId);
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#parentName").FillAsync("Test Parent");
        await page.Locator("#phone").FillAsync("+92 300 0000000");
        await page.Locator("#address").FillAsync("1 Test Street");
        await page.Locator("#unit").SelectOptionAsync(station);
    }
}
