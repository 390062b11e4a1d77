using System.Text.RegularExpressions;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Accessibility;

/// <summary>Issue 20: every action in the console can be reached and done without a mouse, and focus shows where it is.</summary>
public sealed partial class KeyboardTests(BrowserApp app)
{
    [Fact]
    public async Task ApplicationDetail_IsProcessedToApproval_WithTheKeyboardAlone()
    {
        var station = app.Demo("frontdesk").Unit;
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName());
        var desk = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var sho = await app.CreateStaffAsync(Roles.Sho, station);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, desk.UserName, desk.Password, desk.TotpSecret);
        await page.GotoAsync($"/console/applications/{reference}");
        var detail = page.Locator("#application-detail");
        await Expect(detail).ToHaveAttributeAsync("data-interactive", "true");

        await KeyboardUser.TabToAsync(page, "[data-testid='action-DocumentsChecked']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(detail).ToHaveAttributeAsync("data-status", "DocumentsChecked");

        await KeyboardUser.TabToAsync(page, "[data-testid='action-RecordChecked']");
        await page.Keyboard.PressAsync("Space");
        await Expect(detail).ToHaveAttributeAsync("data-status", "RecordChecked");

        // The fee, through the payment dialog: opened, answered and confirmed from the keyboard.
        await KeyboardUser.TabToAsync(page, "[data-testid='record-payment']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid='payment-confirm']")).ToBeVisibleAsync();
        await KeyboardUser.TabToAsync(page, "[data-testid='payment-confirm']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#fee-paid")).ToBeVisibleAsync();

        // The SHO takes it from here (rejecting and approving are theirs), with the keyboard too.
        await SignIn.LeaveSessionAsync(page);
        await SignIn.AsAsync(page, sho.UserName, sho.Password, sho.TotpSecret);
        await page.GotoAsync($"/console/applications/{reference}");
        await Expect(detail).ToHaveAttributeAsync("data-interactive", "true");

        // A dialog closes with Escape, and nothing happens.
        await KeyboardUser.TabToAsync(page, "[data-testid='action-Rejected']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        // Focus moves into the dialog (WCAG 2.4.3), where Escape is heard.
        await Expect(page.Locator(".mud-dialog-container:focus-within")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(detail).ToHaveAttributeAsync("data-status", "RecordChecked");

        await KeyboardUser.TabToAsync(page, "[data-testid='action-Approved']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(detail).ToHaveAttributeAsync("data-status", "Approved");
    }

    [Fact]
    public async Task DashboardPeriodPicker_ChoosesPresetsIntervalsAndACustomRange_WithTheKeyboardAlone()
    {
        var dpo = await app.CreateStaffAsync(Roles.Dpo, "GRW");
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, dpo.UserName, dpo.Password, dpo.TotpSecret);
        await page.GotoAsync("/console/dashboard");
        var dashboard = page.Locator("#dashboard-page");
        await Expect(dashboard).ToHaveAttributeAsync("data-interactive", "true");

        await KeyboardUser.TabToAsync(page, "#period-thismonth");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(ThisMonthUrl());
        await Expect(page.Locator("#period-thismonth")).ToHaveAttributeAsync("aria-pressed", "true");

        await KeyboardUser.TabToAsync(page, "#period-last12months");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#period-last12months")).ToHaveAttributeAsync("aria-pressed", "true");

        await KeyboardUser.TabToAsync(page, "#interval-week");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#interval-week")).ToHaveAttributeAsync("aria-pressed", "true");

        // A custom range: typed into the date fields and applied, all from the keyboard.
        await KeyboardUser.TabToAsync(page, "#period-custom");
        await page.Keyboard.PressAsync("Enter");
        await KeyboardUser.TabToAsync(page, ":is(#period-from, #period-from input)");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2026-01-01");
        await KeyboardUser.TabToAsync(page, ":is(#period-to, #period-to input)");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2026-01-31");
        await KeyboardUser.TabToAsync(page, "#period-apply");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(CustomRangeUrl());
        await Expect(page.Locator("#period-custom")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [GeneratedRegex("period=thismonth")]
    private static partial Regex ThisMonthUrl();

    [GeneratedRegex("from=2026-01-01")]
    private static partial Regex CustomRangeUrl();
}
