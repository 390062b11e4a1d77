using System.Globalization;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Records;

/// <summary>
/// The stolen-vehicle desk's page (issue 19): the demo's open stolen vehicle is listed; a malformed
/// number is refused at its field and nothing is recorded; a theft is recorded, then recovered and
/// handed over, moving between the lists; in Urdu the page reads right to left.
/// </summary>
public sealed class StolenVehiclePageTests(BrowserApp app)
{
    [Fact]
    public async Task ADesk_RecordsATheft_ThenItsRecoveryAndHandOver()
    {
        var page = await SignedInAsync();
        await OpenAsync(page);
        await Expect(Row(page, SeedDemoStolenVehicle.Make)).ToHaveCountAsync(1);

        var plate = $"TST-{Random.Shared.Next(100_000, 999_999)}";
        await page.Locator("input#theft-registration").FillAsync("??");
        await page.Locator("#theft-loss").SelectOptionAsync("Snatching");
        await page.Locator("input#theft-make").FillAsync("Test Make");
        await page.Locator("input#theft-place").FillAsync("Test Bazaar");
        await page.Locator("input#theft-lost-at").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#theft-save").ClickAsync();
        await Expect(page.Locator("#theft-form")).ToContainTextAsync("This is not a vehicle registration number");
        await Expect(Row(page, "Test Make")).ToHaveCountAsync(0);

        await page.Locator("input#theft-registration").FillAsync(plate.ToLowerInvariant());
        await page.Locator("#theft-save").ClickAsync();
        var row = Row(page, plate.ToLowerInvariant());
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-status", "Open");

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator("input#step-place").FillAsync("Test Canal Road");
        await page.Locator("input#step-at").FillAsync(DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#step-save").ClickAsync();
        await Expect(page.Locator("input#step-to")).ToBeVisibleAsync();
        await Expect(Row(page, plate.ToLowerInvariant())).ToHaveCountAsync(0);

        await page.Locator("input#step-to").FillAsync("Test Owner");
        await page.Locator("input#step-at").FillAsync(DateTime.UtcNow.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#step-save").ClickAsync();
        await Expect(page.Locator("#vehicle-step")).ToHaveCountAsync(0);
        await page.Locator("#filter-HandedOver").ClickAsync();
        await Expect(Row(page, plate.ToLowerInvariant())).ToHaveAttributeAsync("data-status", "HandedOver");
    }

    [Fact]
    public async Task InUrdu_ThePageReadsRightToLeft_AndFindsTheDemoVehicle()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await OpenAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("چوری شدہ گاڑیاں");
        await Expect(Row(page, SeedDemoStolenVehicle.Make)).ToHaveCountAsync(1);
        await Expect(page.Locator("label[for='theft-loss']")).ToHaveTextAsync("گاڑی کیسے گئی");
    }

    private static ILocator Row(IPage page, string text) => page.Locator("#vehicles-table tbody tr", new() { HasText = text });

    private async Task<IPage> SignedInAsync()
    {
        var account = await app.CreateStaffAsync(Roles.FrontDesk, app.Demo("frontdesk").Unit);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        return page;
    }

    private static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("/console/stolen-vehicles");
        await Expect(page.Locator("#stolen-vehicles-page")).ToHaveAttributeAsync("data-interactive", "true");
    }
}
