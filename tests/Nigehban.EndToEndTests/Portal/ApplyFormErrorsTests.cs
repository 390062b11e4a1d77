using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>The apply form names every fault at once, and the browser refuses a file over the limit before sending it.</summary>
public sealed class ApplyFormErrorsTests(BrowserApp app)
{
    private static readonly byte[] SmallPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task ABadNationalId_ABadPhone_AndAWrongFile_AreAllNamedInOneAnswer()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/services/character-certificate/apply");
        await FillApplicantAsync(page, "12345", "call me");
        await page.Locator("#document-national-id-copy").SetInputFilesAsync(new FilePayload { Name = "cnic.pdf", MimeType = "application/pdf", Buffer = SmallPdf });
        await page.Locator("#document-photo").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a photo"u8.ToArray() });

        await page.Locator("form.apply-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#nationalId-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#phone-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#document-photo-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#reference")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AFileOverTheLimit_IsRefusedByTheBrowser_BeforeItIsSent()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/services/character-certificate/apply");
        var photo = page.Locator("#document-photo");
        (await photo.GetAttributeAsync("data-max-bytes")).ShouldBe((5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        await FillApplicantAsync(page, "35202-1234567-1", "+92 300 0000000");
        await page.Locator("#document-national-id-copy").SetInputFilesAsync(new FilePayload { Name = "cnic.pdf", MimeType = "application/pdf", Buffer = SmallPdf });
        var oversized = new byte[(5 * 1024 * 1024) + 1];
        await photo.SetInputFilesAsync(new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = oversized });

        (await photo.EvaluateAsync<string>("input => input.validationMessage")).ShouldContain("larger than 5 MB");
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reference")).ToHaveCountAsync(0);
        posts.ShouldBe(0);
    }

    private async Task FillApplicantAsync(IPage page, string nationalId, string phone)
    {
        await page.Locator("#nationalId").FillAsync(nationalId);
        await page.Locator("#name").FillAsync("Test Applicant");
        await page.Locator("#parentName").FillAsync("Test Father");
        await page.Locator("#phone").FillAsync(phone);
        await page.Locator("#address").FillAsync("1 Test Street");
        await page.Locator("#unit").SelectOptionAsync(app.Demo("frontdesk").Unit);
    }
}
