using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.StaffConsole;

/// <summary>The front desk's documents card: one file per document, refusals leave nothing behind, no "checked" while one is missing.</summary>
public sealed class DocumentCheckTests(BrowserApp app)
{
    [Fact]
    public async Task DocumentsChecked_WaitsForEveryDocument_ReplaceReplaces_AndARefusedFileLeavesNoChip()
    {
        var station = app.Demo("frontdesk").Unit;
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName(), withDocuments: false);
        var account = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        await page.GotoAsync($"/console/applications/{reference}");
        var detail = page.Locator("#application-detail");
        await Expect(detail).ToHaveAttributeAsync("data-interactive", "true");

        // Nothing supplied: the step is offered but cannot be taken, and the page says why in the pack's titles.
        var documentsChecked = page.Locator("[data-testid='action-DocumentsChecked']");
        await Expect(documentsChecked).ToBeDisabledAsync();
        await Expect(page.Locator("#documents-missing")).ToContainTextAsync("Copy of CNIC");
        await Expect(page.Locator("#documents-missing")).ToContainTextAsync("Recent photograph");
        await Expect(page.Locator("#documents-missing")).Not.ToContainTextAsync("national-id-copy");

        var idCopy = page.Locator("li[data-document='national-id-copy']");
        var photo = page.Locator("li[data-document='photo']");
        await FileInput(idCopy).SetInputFilesAsync(new FilePayload { Name = "first-scan.pdf", MimeType = "application/pdf", Buffer = ServiceCentreCitizen.SmallPdf });
        await Expect(idCopy).ToHaveClassAsync("document-supplied");
        await Expect(page.Locator("#documents-missing")).Not.ToContainTextAsync("Copy of CNIC");
        await Expect(documentsChecked).ToBeDisabledAsync();

        // A file that is not a PDF, JPEG or PNG is refused, and its name does not linger on the row.
        await FileInput(photo).SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a picture"u8.ToArray() });
        // The refusal's own message (the first file's "attached" may still be on screen beside it).
        await Expect(page.Locator(".mud-snackbar.mud-alert-filled-error")).ToBeVisibleAsync();
        await Expect(photo).ToHaveClassAsync("document-missing");
        await Expect(page.Locator("#documents")).Not.ToContainTextAsync("notes.txt");

        await Expect(page.Locator("[data-testid='upload-photo']")).ToBeEnabledAsync();
        await FileInput(photo).SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = ServiceCentreCitizen.SmallPng });
        await Expect(photo).ToHaveClassAsync("document-supplied");
        await Expect(documentsChecked).ToBeEnabledAsync();
        await Expect(page.Locator("#documents-missing")).ToHaveCountAsync(0);

        // "Replace" puts the new scan in the old one's place.
        await Expect(page.Locator("[data-testid='upload-national-id-copy']")).ToContainTextAsync("Replace");
        await Expect(page.Locator("[data-testid='upload-national-id-copy']")).ToBeEnabledAsync();
        await FileInput(idCopy).SetInputFilesAsync(new FilePayload { Name = "clearer-scan.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% clearer\n%%EOF\n"u8.ToArray() });
        await Expect(idCopy).ToContainTextAsync("clearer-scan.pdf");
        await Expect(idCopy).Not.ToContainTextAsync("first-scan.pdf");
        await Expect(idCopy.Locator("a.document-open")).ToHaveCountAsync(1);

        await documentsChecked.ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-status", "DocumentsChecked");
    }

    /// <summary>The picker's live input: after each choice the upload component hides the used input and adds a fresh one.</summary>
    private static ILocator FileInput(ILocator row) => row.Locator("input[type=file]:not(.d-none)").Last;
}
