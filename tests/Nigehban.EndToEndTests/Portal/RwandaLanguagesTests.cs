using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>
/// The Rwanda pack as a Kinyarwanda or French reader sees it in Chromium: the national ID under its
/// own name in that language on every page that names it, and refusals in that language.
/// </summary>
public sealed class RwandaLanguagesTests(RwandaBrowserApp app) : IClassFixture<RwandaBrowserApp>
{
    [Theory]
    [InlineData("rw", "Indangamuntu", "Polisi y'u Rwanda: ubusabe bwawe ")]
    [InlineData("fr", "Carte d'identité nationale", "Police nationale du Rwanda : votre demande ")]
    public async Task TheNationalId_IsCalledByItsNameInTheReadersLanguage_FromFormToTracking(string language, string idName, string smsStart)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/culture/{language}?returnUrl=%2Fservices%2Flost-document-report%2Fapply");

        await Expect(page.Locator("label[for=nationalId]")).ToHaveTextAsync(idName);
        await Expect(page.Locator("#nationalId-hint")).ToContainTextAsync(idName);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("National ID");
        // "Imeri (si ngombwa)", not "Imeri(si ngombwa)": the optional mark stands apart from its label.
        (await page.Locator("label[for=email]").EvaluateAsync<double>(GapBeforeOptionalMark)).ShouldBeGreaterThan(2);

        // A mistyped ID is refused beside the field, in the reader's language, under the ID's own name.
        await page.Locator("#nationalId").FillAsync("12345");
        await page.Locator("#name").FillAsync("Test Applicant");
        await page.Locator("#phone").FillAsync("+250 788 000 111");
        await page.Locator("#unit").SelectOptionAsync(app.Demo("frontdesk").Unit);
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#nationalId-error")).ToContainTextAsync(idName);
        await Screenshots.SaveAsync(page, $"rwanda-apply-error-{language}.png");

        await page.Locator("#nationalId").FillAsync("1 1990 8 0012345 0 12");
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reference")).ToBeVisibleAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain(idName);
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        // The SMS goes out in the language the citizen applied in, signed with the force's name in it.
        (await SmsAsync(reference)).ShouldStartWith(smsStart + reference);

        await page.GotoAsync("/track");
        await Expect(page.Locator("label[for=nationalId]")).ToHaveTextAsync(idName);
        await Expect(page.Locator("main .lead")).ToContainTextAsync(idName);
        await Screenshots.SaveAsync(page, $"rwanda-track-{language}.png");
    }

    /// <summary>Pixels between the end of a label's own text and the start of its "optional" mark.</summary>
    private const string GapBeforeOptionalMark = """
        label => {
            const text = document.createRange();
            text.selectNodeContents(label.firstChild);
            return label.querySelector('.optional').getBoundingClientRect().left - text.getBoundingClientRect().right;
        }
        """;

    private async Task<string> SmsAsync(string reference)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var payload = await db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Sms && m.Payload.Contains(reference)).Select(m => m.Payload).SingleAsync();
        return JsonDocument.Parse(payload).RootElement.GetProperty("text").GetString()!;
    }
}
