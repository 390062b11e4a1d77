using Nigehban.EndToEndTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Protection;

/// <summary>The Rwanda pack's virtual desk in Kinyarwanda and French: the page, a refusal and the resume code in the reader's language (ADR-070).</summary>
public sealed class RwandaVirtualDeskTests(RwandaBrowserApp app) : IClassFixture<RwandaBrowserApp>
{
    [Theory]
    [InlineData("rw", "Vugana n'ibiro birengera abantu", "Andika ubutumwa.", "Kode yawe yo kugaruka:")]
    [InlineData("fr", "Parler au bureau de protection", "Écrivez un message.", "Votre code pour revenir :")]
    public async Task ACitizenStartsAChat_InTheReadersLanguage(string language, string title, string emptyRefused, string codeLabel)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/culture/{language}?returnUrl=%2Fvirtual-desk");
        await Expect(page.Locator("#virtual-desk-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);

        await page.Locator("#start-chat-button").ClickAsync();
        await Expect(page.Locator("#chat-error")).ToHaveTextAsync(emptyRefused);

        await page.Locator("#chat-first").FillAsync("Generated message to the Isange desk");
        await page.Locator("#start-chat-button").ClickAsync();
        await Expect(page.Locator("#resume-code-box")).ToContainTextAsync(codeLabel);
        await Expect(page.Locator("#chat-messages")).ToContainTextAsync("Generated message to the Isange desk");
    }
}
