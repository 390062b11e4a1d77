using System.Globalization;
using System.Text.Json;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Records;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Records;

/// <summary>
/// The transport terminal's own page (issue 19, pages; ADR-077): with the demo terminal's key, a traveller
/// without an ID or a father's name is refused at the ID and nothing is registered; a good registration
/// shows in the terminal's list; in Urdu the page reads right to left and refuses an unknown key.
/// </summary>
public sealed class TerminalPageTests(BrowserApp app)
{
    private string DemoKey()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.DataDirectory, SeedDemoTerminal.KeyFile)));
        return file.RootElement.GetProperty("apiKey").GetString()!;
    }

    private static string InAnHour() => DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ATerminal_RegistersATraveller_WithItsKey_AndSeesItsTravellers()
    {
        var name = $"Test Page Traveller {Guid.NewGuid().ToString("N")[..6]}";
        var page = await app.NewPageAsync();
        await page.GotoAsync("/terminal");
        await page.Locator("#key").FillAsync(DemoKey());
        await page.Locator("#travellerName").FillAsync(name);
        await page.Locator("#destination").FillAsync("Test City");
        await page.Locator("#departsAt").FillAsync(InAnHour());
        await page.Locator("#vehicleRegistration").FillAsync("??");
        await page.Locator("#register-traveller").ClickAsync();
        await Expect(page.Locator("#terminal-errors a[href='#nationalId']")).ToBeVisibleAsync();
        await Expect(page.Locator("#vehicleRegistration")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#terminal-travellers tr", new() { HasText = name })).ToHaveCountAsync(0);

        await page.Locator("#fatherName").FillAsync("Test Father");
        await page.Locator("#vehicleRegistration").FillAsync("TST-5432");
        await page.Locator("#register-traveller").ClickAsync();
        await Expect(page.Locator("#terminal-registered")).ToContainTextAsync(name);
        await Expect(page.Locator("#terminal-travellers tr", new() { HasText = name })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnUnknownKey_IsRefusedAtTheKey_InUrdu()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/culture/ur?returnUrl=%2Fterminal");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("h1")).ToHaveTextAsync("ٹرمینل مسافروں کا رجسٹر");
        await page.Locator("#key").FillAsync("trm_not-a-key-of-any-terminal");
        await page.Locator("#travellerName").FillAsync("Test Page Traveller");
        await page.Locator("#nationalId").FillAsync("35202-7654321-3");
        await page.Locator("#destination").FillAsync("Test City");
        await page.Locator("#departsAt").FillAsync(InAnHour());
        await page.Locator("#register-traveller").ClickAsync();
        await Expect(page.Locator("#terminal-errors a[href='#key']")).ToHaveTextAsync("یہ کسی رجسٹرڈ ٹرانسپورٹ ٹرمینل کی کلید نہیں۔");
    }
}
