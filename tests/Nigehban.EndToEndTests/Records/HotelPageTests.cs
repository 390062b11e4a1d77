using System.Text.Json;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Records;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Records;

/// <summary>
/// The hotel's own page (issue 19, pages): with the demo guest house's key, a bad national ID (and a bad
/// vehicle number) is refused at its field and nothing is registered; a good check-in is registered and shows in the
/// hotel's guest list; in Urdu the page reads right to left.
/// </summary>
public sealed class HotelPageTests(BrowserApp app)
{
    private string DemoKey()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.DataDirectory, SeedDemoHotel.KeyFile)));
        return file.RootElement.GetProperty("apiKey").GetString()!;
    }

    [Fact]
    public async Task AHotel_RegistersAGuest_WithItsKey_AndSeesItsGuests()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/hotel");
        await page.Locator("#key").FillAsync(DemoKey());
        await page.Locator("#guestName").FillAsync("Test Page Guest");
        await page.Locator("#nationalId").FillAsync("123");
        await page.Locator("#room").FillAsync("21");
        await page.Locator("#vehicleRegistration").FillAsync("??");
        await page.Locator("#check-in").ClickAsync();
        await Expect(page.Locator("#hotel-errors a[href='#nationalId']")).ToBeVisibleAsync();
        await Expect(page.Locator("#vehicleRegistration")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#nationalId")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#hotel-guests tr", new() { HasText = "Test Page Guest" })).ToHaveCountAsync(0);

        await page.Locator("#nationalId").FillAsync("35202-7654321-3");
        await page.Locator("#vehicleRegistration").FillAsync("TST-4321");
        await page.Locator("#check-in").ClickAsync();
        await Expect(page.Locator("#hotel-registered")).ToContainTextAsync("Test Page Guest");
        await Expect(page.Locator("#hotel-guests tr", new() { HasText = "Test Page Guest" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#hotel-guests tr", new() { HasText = SeedDemoRecords.People[0].Name })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnUnknownKey_IsRefusedAtTheKey_InUrdu()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/culture/ur?returnUrl=%2Fhotel");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("h1")).ToHaveTextAsync("ہوٹل مہمانوں کا رجسٹر");
        await page.Locator("#key").FillAsync("htl_not-a-key-of-any-hotel");
        await page.Locator("#guestName").FillAsync("Test Page Guest");
        await page.Locator("#passport").FillAsync("X1234567");
        await page.Locator("#check-in").ClickAsync();
        await Expect(page.Locator("#hotel-errors a[href='#key']")).ToHaveTextAsync("یہ کسی رجسٹرڈ ہوٹل کی کلید نہیں۔");
    }
}
