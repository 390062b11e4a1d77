using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
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
        await page.Locator(".staff-search input").FillAsync("demo");
        await Expect(page.Locator("#staff-grid tbody tr")).ToHaveCountAsync(app.DemoAccounts.Count);
        await Screenshots.SaveAsync(page, "staff.png");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "New account" }).ClickAsync();

        await page.Locator("#new-username").FillAsync(userName);
        await page.Locator("#new-displayname").FillAsync("Constable Test Desk");
        await page.Locator("#new-unit").FillAsync(station.Code);
        await page.Locator(".mud-popover-open .unit-option", new PageLocatorOptions { HasText = station.Name }).First.ClickAsync();
        await page.Locator("#new-roles").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Front desk officer" }).ClickAsync();
        // Close the role list (a click on empty page below the form lands on its overlay), or its options cover the button below.
        await page.Mouse.ClickAsync(600, 800);
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Generate a password" }).ClickAsync();
        // The circuit fills the field after a round trip: wait for it rather than read it at once.
        await Expect(page.Locator("#new-password")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".{16}"));
        var password = await page.Locator("#new-password").InputValueAsync();
        password.Length.ShouldBe(16);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create account" }).ClickAsync();

        await Expect(page.Locator("#mfa-enrolment svg.qr-code")).ToBeVisibleAsync();
        var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Expect(page.Locator("#otpauth-uri")).ToContainTextAsync($"secret={secret}");

        // The page ran the handler in the circuit: the audit trail names the administrator, not "anonymous".
        (await CreationAuditedByAsync(userName)).ShouldBe(admin.UserName);

        // The officer enrols the shown secret and signs in with it.
        var officer = await app.NewPageAsync();
        await SignIn.AsAsync(officer, userName, password, secret);
        await Expect(officer.Locator("#home-unit")).ToHaveTextAsync(station.Name);
        await Expect(officer.Locator(".console-nav a[href='/console/staff']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Administrator_ResetsAuthenticatorThenDisablesAccount_WhichCanNoLongerSignIn()
    {
        // An administrator of the test's own: a TOTP code is accepted once, and the other test signs the demo administrator in.
        var admin = await app.CreateStaffAsync(Roles.Administrator, app.Demo("admin").Unit);
        var account = await app.CreateStaffAsync(Roles.InvestigatingOfficer, app.Demo("io").Unit);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, admin.UserName, admin.Password, admin.TotpSecret);
        await page.GotoAsync("/console/staff");
        await SignIn.WaitUntilInteractiveAsync(page);

        await page.Locator(".staff-search input").FillAsync(account.UserName);
        var row = page.Locator("#staff-grid tbody tr", new PageLocatorOptions { HasText = account.UserName });
        await Expect(page.Locator("#staff-grid tbody tr")).ToHaveCountAsync(1);
        var actions = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Actions for {account.UserName}" });

        await actions.ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new PageLocatorOptions { HasText = "Reset authenticator" }).ClickAsync();
        await page.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasText = "Reset authenticator" }).ClickAsync();
        var newSecret = (await page.Locator(".mud-dialog #totp-secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        newSecret.ShouldNotBe(account.TotpSecret);
        await Expect(page.Locator(".mud-dialog svg.qr-code")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasText = "Done" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await actions.ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new PageLocatorOptions { HasText = "Disable" }).ClickAsync();
        await page.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasText = "Disable" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Disabled");

        var officer = await app.NewPageAsync();
        await officer.GotoAsync("/login");
        await SignIn.SubmitAsync(officer, account.UserName, account.Password, BrowserApp.CurrentOtp(newSecret));
        await officer.WaitForURLAsync("**/login?failed=1*");
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

    private async Task<string?> CreationAuditedByAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test assertion");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var id = (await db.Set<StaffAccount>().SingleAsync(a => a.UserName == userName)).Id.ToString();
        var created = await db.Set<AuditEvent>().SingleAsync(e => e.ObjectType == nameof(StaffAccount) && e.ObjectId == id && e.Action.EndsWith("created"));
        return created.ActorName;
    }
}
