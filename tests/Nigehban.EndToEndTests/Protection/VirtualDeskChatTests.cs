using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Protection.VirtualDesk;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Protection;

/// <summary>
/// The virtual desk in two browsers (issue 18, ADR-070): an anonymous citizen starts a chat, the desk's
/// officer answers and she sees it without reloading, the officer turns the chat into a case whose page
/// shows the transcript, she comes back with her code, and the panic exit replaces the page with a
/// neutral site, leaving no way back to the chat. In English and in Urdu; every page audited by axe.
/// </summary>
public sealed class VirtualDeskChatTests(BrowserApp app)
{
    private const string NeutralSite = "https://www.google.com/";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en", "Talk to the protection desk")]
    [InlineData("ur", "تحفظ ڈیسک سے بات کریں")]
    public async Task AnAnonymousChat_IsAnsweredLive_BecomesACase_ResumesWithItsCode_AndThePanicExitLeavesNoTrace(string language, string title)
    {
        var citizen = await app.NewPageAsync();
        await OpenChatPageAsync(citizen, language);
        await Expect(citizen.Locator("h1")).ToHaveTextAsync(title);
        var first = "Generated chat " + Guid.NewGuid().ToString("N")[..8] + ": I am afraid to go home";
        await citizen.Locator("#chat-first").FillAsync(first);
        await citizen.Locator("#start-chat-button").ClickAsync();
        await Expect(citizen.Locator("#resume-code")).ToBeVisibleAsync();
        var code = (await citizen.Locator("#resume-code").InnerTextAsync()).Trim();
        citizen.Url.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal)[..4]);

        var officer = await app.NewPageAsync();
        var account = await app.CreateStaffAsync(Roles.ProtectionOfficer, app.Demo("protection").Unit);
        await SignIn.AsAsync(officer, account.UserName, account.Password, account.TotpSecret);
        await officer.GotoAsync("/console/protection/chats");
        await Expect(officer.Locator("#virtual-desk-chats-page")).ToHaveAttributeAsync("data-interactive", "true");
        var row = officer.Locator($"#chat-list tr[data-chat='{await ChatIdAsync(code)}']");
        await Expect(row).ToBeVisibleAsync();
        (await officer.Locator("#chat-list").InnerTextAsync()).ShouldNotContain(first);
        await row.Locator("button.open-chat").ClickAsync();
        await Expect(officer.Locator("#desk-chat-messages")).ToContainTextAsync(first);

        var answer = "Generated answer: you are safe to talk here";
        await officer.Locator("#answer-text").FillAsync(answer);
        await officer.Locator("#send-answer").ClickAsync();
        await Expect(citizen.Locator("#chat-messages li.from-desk")).ToContainTextAsync(answer);
        var reply = "Generated reply: thank you";
        await citizen.Locator("#chat-text").FillAsync(reply);
        await citizen.Locator("#send-message").ClickAsync();
        await Expect(citizen.Locator("#chat-text")).ToHaveValueAsync("");
        await Expect(officer.Locator("#desk-chat-messages")).ToContainTextAsync(reply);

        await officer.Locator("#open-case-from-chat").ClickAsync();
        await Expect(officer.Locator("#chat-case-link")).ToBeVisibleAsync();
        await Expect(citizen.Locator("#case-opened")).ToBeVisibleAsync();
        await officer.Locator("#chat-case-link").ClickAsync();
        await Expect(officer.Locator("#protection-case-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(officer.Locator("#case-transcript")).ToContainTextAsync(first);
        await Expect(officer.Locator("#case-transcript")).ToContainTextAsync(answer);
        // A reference that names no complaint or FIR is refused on the page, in the officer's language.
        await officer.Locator("#link-reference").FillAsync("0000");
        await officer.Locator("#link-record").ClickAsync();
        await Expect(officer.Locator("#case-error")).ToBeVisibleAsync();
        await Expect(officer.Locator("#case-linked")).ToHaveTextAsync("");

        // She leaves and comes back with her code, in a browser that never saw the chat; a wrong code finds nothing.
        var later = await app.NewPageAsync();
        // A page before the chat in this tab's history, to go back to (a blank first page is not a page of the app).
        await later.GotoAsync("/stations");
        await OpenChatPageAsync(later, language);
        await later.Locator("#resume-code-input").FillAsync("0000-0000-0000");
        await later.Locator("#resume-chat-button").ClickAsync();
        await Expect(later.Locator("#chat-error")).ToBeVisibleAsync();
        await later.Locator("#resume-code-input").FillAsync(code.ToLowerInvariant());
        await later.Locator("#resume-chat-button").ClickAsync();
        await Expect(later.Locator("#chat-messages")).ToContainTextAsync(answer);

        // The panic exit: the neutral site replaces the chat in the history, so Back does not return to it.
        await later.Context.RouteAsync(NeutralSite + "**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = "<!DOCTYPE html><html lang=\"en\"><head><title>Weather</title></head><body><main><h1>Weather</h1></main></body></html>",
        }));
        await later.Locator("#panic-exit").ClickAsync();
        await later.WaitForURLAsync(url => url.StartsWith(NeutralSite, StringComparison.Ordinal));
        await later.GoBackAsync();
        later.Url.ShouldContain("/stations");
        later.Url.ShouldNotContain("virtual-desk");
    }

    private static async Task OpenChatPageAsync(IPage page, string language)
    {
        await page.GotoAsync(language == "en" ? "/virtual-desk" : $"/culture/{language}?returnUrl=%2Fvirtual-desk");
        await Expect(page.Locator("#virtual-desk-page")).ToHaveAttributeAsync("data-interactive", "true");
    }

    private async Task<Guid> ChatIdAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test arrangement");
        var hash = ResumeCode.HashOf(code);
        return await scope.ServiceProvider.GetRequiredService<NigehbanDbContext>().Set<VirtualDeskChat>()
            .Where(c => c.CodeHash == hash).Select(c => c.Id).SingleAsync(Ct);
    }
}
