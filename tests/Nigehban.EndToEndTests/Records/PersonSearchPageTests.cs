using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Records;

/// <summary>
/// Person search and profile (issue 19, pages): an officer states a purpose, searches a variant
/// spelling (or the name in Urdu letters) of the demo person "Muhammad Arshad Demo", and opens the
/// profile with its names in both scripts and its history; in English and in Urdu.
/// </summary>
public sealed class PersonSearchPageTests(BrowserApp app)
{
    [Fact]
    public async Task SearchingAVariantSpelling_FindsThePerson_AndOpensTheProfile()
    {
        var page = await SignedInAsync();
        await OpenAsync(page, "/console/persons", "#person-search-page");

        // Without a purpose the search is refused, at the purpose.
        await page.Locator("#search-name").FillAsync("Mohammad Arshad");
        await page.Locator("#search-submit").ClickAsync();
        await Expect(page.Locator("#search-error-purpose")).ToBeVisibleAsync();
        await Expect(page.Locator("#search-purpose")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.Locator("#search-purpose").SelectOptionAsync("investigation");
        await page.Locator("#search-submit").ClickAsync();
        var row = page.Locator("[data-testid='person-row']", new() { HasText = SeedDemoRecords.People[3].Name });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-testid='person-link']").ClickAsync();

        await Expect(page.Locator("#person-profile-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("#profile-name")).ToHaveTextAsync(SeedDemoRecords.People[3].Name);
        await Expect(page.Locator("#profile-names li[data-kind='Alias']")).ToContainTextAsync(SeedDemoRecords.UrduAlias);
        await Expect(page.Locator("#profile-history [data-testid='history-row']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task InUrdu_TheNameInUrduLetters_FindsThePerson_AndTheClosedRecordIsMarked()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await OpenAsync(page, "/console/persons", "#person-search-page");
        await Expect(page.Locator("h1")).ToHaveTextAsync("افراد کی تلاش");

        await page.Locator("#search-purpose").SelectOptionAsync("verification");
        await page.Locator("#search-name").FillAsync("محمد ارشد");
        await page.Locator("#search-submit").ClickAsync();
        await Expect(page.Locator("[data-testid='person-row']", new() { HasText = SeedDemoRecords.People[3].Name })).ToHaveCountAsync(1);

        // The cleared demo person: history empty, the acquittal kept apart as a closed record.
        await page.Locator("#search-name").FillAsync(SeedDemoRecords.People[2].Name);
        await page.Locator("#search-submit").ClickAsync();
        await page.Locator("[data-testid='person-row']", new() { HasText = SeedDemoRecords.People[2].Name }).Locator("[data-testid='person-link']").ClickAsync();
        await Expect(page.Locator("#person-profile-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("#profile-no-history")).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-closed [data-testid='history-row'][data-closed='true']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#profile-closed")).ToContainTextAsync("بند");
    }

    private async Task<IPage> SignedInAsync()
    {
        var account = await app.CreateStaffAsync(Roles.InvestigatingOfficer, app.Demo("frontdesk").Unit);
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
