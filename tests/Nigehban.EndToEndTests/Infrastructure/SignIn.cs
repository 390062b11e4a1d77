using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Nigehban.EndToEndTests.Infrastructure;

public static class SignIn
{
    /// <summary>Fills the login form as a person would and submits it.</summary>
    public static async Task SubmitAsync(IPage page, string userName, string password, string otp)
    {
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#otp").FillAsync(otp);
        await page.Locator("form.signin-form button[type=submit]").ClickAsync();
    }

    /// <summary>The last TOTP time step each account signed in with here.</summary>
    private static readonly ConcurrentDictionary<string, long> LastStep = new(StringComparer.Ordinal);

    /// <summary>Signs in from /login and waits until the console's circuit is live.</summary>
    public static async Task AsAsync(IPage page, string userName, string password, string totpSecret)
    {
        await page.GotoAsync("/login");
        await SubmitAsync(page, userName, password, await UnusedOtpAsync(totpSecret));
        // Longer than the default wait: the password check is the costliest step the app has, by
        // design, and the suite runs beside the integration tests on two cores (one CI run timed out here).
        await page.WaitForURLAsync("**/console", new PageWaitForURLOptions { Timeout = 60_000 });
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>
    /// Leaves the console and drops the session, as an officer closing the tab would. The page goes
    /// blank first: a console page still connecting its circuit when the cookie disappears is sent to
    /// the sign-in page by the app itself, and that navigation would race the test's next one (a CI
    /// run saw "navigation interrupted by another navigation").
    /// </summary>
    public static async Task LeaveSessionAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.Context.ClearCookiesAsync();
    }

    /// <summary>
    /// A code of a time step this account has not signed in with yet. The server refuses a code of a
    /// step it already accepted (no replay), so a second sign-in of one account within the same 30
    /// seconds waits for the next step; on a quiet machine the accessibility audit signed its desk
    /// officer in twice that quickly, and the second sign-in stayed on /login until it timed out.
    /// </summary>
    private static async Task<string> UnusedOtpAsync(string totpSecret)
    {
        while (true)
        {
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var last = LastStep.GetOrAdd(totpSecret, -1);
            if (step > last && LastStep.TryUpdate(totpSecret, step, last))
            {
                return BrowserApp.OtpAt(totpSecret, DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
