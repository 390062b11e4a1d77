using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.StaffConsole;

public sealed class StaffAdministrationTests(BrowserApp app)
{
    [Fact]
    public async Task Administrator_CreatesAccount_WhoseShownSecretSignsIn()
    {
        var admin = app.Demo("admin");
        var station = app.Unit(app.Demo("frontdesk").Unit);
        var userName = "desk-" + Guid.NewGuid().ToString("N")[..8];
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, admin.UserName, admin.Password, admin.TotpSecret);

        await page.Locator(".console-nav a[href='/console/staff']").ClickAsync();
        await Expect(page.Locator("#staff-grid")).ToContainTextAsync(admin.UserName);
        await Screenshots.SaveAsync(page, "staff.png");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "New account" }).ClickAsync();

        await page.Locator("#new-username").FillAsync(userName);
        await page.Locator("#new-displayname").FillAsync("Constable Test Desk");
        await page.Locator("#new-unit").FillAsync(station.Code);
        await page.Locator(".mud-popover-open .unit-option", new PageLocatorOptions { HasText = station.Name }).First.ClickAsync();
        await page.Locator("#new-roles").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Front desk officer" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Generate a password" }).ClickAsync();
        var password = await page.Locator("#new-password").InputValueAsync();
        password.Length.ShouldBe(16);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create account" }).ClickAsync();

        await Expect(page.Locator("#mfa-enrolment svg.qr-code")).ToBeVisibleAsync();
        var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Expect(page.Locator("#otpauth-uri")).ToContainTextAsync($"secret={secret}");
        await Screenshots.SaveAsync(page, "staff-enrolment.png");

        // The officer enrols the shown secret and signs in with it.
        var officer = await app.NewPageAsync();
        await SignIn.AsAsync(officer, userName, password, secret);
        await Expect(officer.Locator("#home-unit")).ToHaveTextAsync(station.Name);
        await Expect(officer.Locator(".console-nav a[href='/console/staff']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StaffPage_ForOfficerWithoutPermission_IsRefusedAndHiddenFromNavigation()
    {
        var sho = app.Demo("sho");
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, sho.UserName, sho.Password, sho.TotpSecret);

        await Expect(page.Locator(".console-nav a[href='/console']")).ToBeVisibleAsync();
        await Expect(page.Locator(".console-nav a[href='/console/staff']")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/console/staff");
        response!.Status.ShouldBe(403);
    }
}
