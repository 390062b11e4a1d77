using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>A citizen on the portal: applies for a character certificate with both documents, as a person would.</summary>
public static class PortalApplicant
{
    public static async Task<string> ApplyForCharacterCertificateAsync(IPage page, string stationCode, string nationalId, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nigehban-e2e-files", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, "cnic-copy.pdf");
        var png = Path.Combine(folder, "photo.png");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        await File.WriteAllBytesAsync(png, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));

        await page.GotoAsync("/services");
        await page.Locator("#service-character-certificate a.button").ClickAsync();
        await page.WaitForURLAsync("**/services/character-certificate/apply");
        await page.Locator("#nationalId").FillAsync(nationalId);
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#parentName").FillAsync("Test Father");
        await page.Locator("#phone").FillAsync("+92 300 0000000");
        await page.Locator("#address").FillAsync("1 Test Street");
        await page.Locator("#unit").SelectOptionAsync(stationCode);
        await page.Locator("#document-national-id-copy").SetInputFilesAsync(pdf);
        await page.Locator("#document-photo").SetInputFilesAsync(png);
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#reference")).ToBeVisibleAsync();
        Directory.Delete(folder, recursive: true);
        return (await page.Locator("#reference").InnerTextAsync()).Trim();
    }
}
