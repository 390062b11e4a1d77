using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Records;

/// <summary>
/// The front desk's employee registration page (issue 19, pages; ADR-079): a malformed national ID is refused
/// at its field and nothing is registered; a domestic servant is registered with the desk's station; in Urdu the
/// page reads right to left. Its pages are audited with axe by the assembly's hook, in both languages.
/// </summary>
public sealed class EmployeeRegistrationPageTests(BrowserApp app)
{
    [Fact]
    public async Task ADesk_RegistersADomesticServant_OnTheEmployersBehalf()
    {
        var page = await SignedInAsync();
        await OpenAsync(page);
        var station = app.Demo("frontdesk").Unit;
        await Expect(page.Locator("#employee-unit")).ToHaveValueAsync(station);

        await page.Locator("#employee-kind").SelectOptionAsync("DomesticServant");
        await page.Locator("input#employer-name").FillAsync("Test Employer");
        await page.Locator("input#employer-phone").FillAsync("+923001234567");
        await page.Locator("input#employer-address").FillAsync("House 9, Test Street");
        await page.Locator("input#employee-name").FillAsync("Test Page Servant");
        await page.Locator("input#employee-national-id").FillAsync("123");
        await page.Locator("input#employee-started-on").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#employee-save").ClickAsync();
        await Expect(page.Locator("#employee-form")).ToContainTextAsync("Not a valid");
        await Expect(page.Locator("#employee-registered")).ToHaveCountAsync(0);

        await page.Locator("input#employee-national-id").FillAsync("35202-7654321-3");
        await page.Locator("#employee-save").ClickAsync();
        await Expect(page.Locator("#employee-registered")).ToContainTextAsync("Test Page Servant");
        await Expect(page.Locator("#employee-registered")).ToContainTextAsync(station);
        await Expect(page.Locator("input#employee-name")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task InUrdu_ThePageReadsRightToLeft()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await OpenAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("ملازم کا اندراج");
        await Expect(page.Locator("label[for='employee-kind']")).ToHaveTextAsync("قسم");
        await Expect(page.Locator("#employee-kind option[value='DomesticServant']")).ToHaveTextAsync("گھریلو ملازم");
    }

    private async Task<IPage> SignedInAsync()
    {
        var account = await app.CreateStaffAsync(Roles.FrontDesk, app.Demo("frontdesk").Unit);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        return page;
    }

    private static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("/console/employee-registrations");
        await Expect(page.Locator("#employee-registration-page")).ToHaveAttributeAsync("data-interactive", "true");
    }
}
