using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Records;

/// <summary>
/// The station's alert inbox (issue 19, pages): the demo wanted person's stay at the demo guest house
/// shows as an open alert at the station, opens with its reason, and is acknowledged once; in English
/// and in Urdu (right to left).
/// </summary>
public sealed class AlertInboxPageTests(BrowserApp app)
{
    [Fact]
    public async Task TheDemoWantedGuest_ShowsInTheInbox_AndIsAcknowledged()
    {
        var page = await SignedInAsync();
        await OpenAsync(page, "/console/registration-alerts", "#alert-inbox-page");
        var row = page.Locator("#alerts-table tbody tr", new() { HasText = SeedDemoRecords.People[0].Name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(SeedDemoHotel.HotelName);
        await row.Locator("a").ClickAsync();

        await Expect(page.Locator("#alert-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("#alert-person")).ToHaveTextAsync(SeedDemoRecords.People[0].Name);
        await Expect(page.Locator("#alert-reason")).ToContainTextAsync(SeedDemoRecords.People[0].Reason);
        await page.Locator("#alert-note input, input#alert-note").First.FillAsync("Team sent to the guest house");
        await page.Locator("#alert-acknowledge").ClickAsync();
        await Expect(page.Locator("#alert-acknowledged")).ToBeVisibleAsync();

        await OpenAsync(page, "/console/registration-alerts", "#alert-inbox-page");
        await Expect(page.Locator("#alerts-table tbody tr", new() { HasText = SeedDemoRecords.People[0].Name })).ToHaveCountAsync(0);
        await page.Locator("#alerts-all").ClickAsync();
        await Expect(page.Locator("#alerts-table tbody tr", new() { HasText = SeedDemoRecords.People[0].Name })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task InUrdu_TheInboxReadsRightToLeft()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await OpenAsync(page, "/console/registration-alerts", "#alert-inbox-page");
        await Expect(page.Locator("h1")).ToHaveTextAsync("الرٹ ان باکس");
        await page.Locator("#alerts-all").ClickAsync();
        await Expect(page.Locator("#alerts-table tbody tr", new() { HasText = SeedDemoRecords.People[0].Name })).ToHaveCountAsync(1);
    }

    private async Task<IPage> SignedInAsync()
    {
        var account = await app.CreateStaffAsync(Roles.Sho, app.Demo("frontdesk").Unit);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        return page;
    }

    private static async Task OpenAsync(IPage page, string url, string root)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator(root)).ToHaveAttributeAsync("data-interactive", "true");
    }
}
