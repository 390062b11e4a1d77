using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>
/// Issue 17: a complainant applies online for a copy of their FIR, naming it by the reference their SMS
/// gave them; a mistyped reference is refused beside the field; once issued, the download is the FIR's
/// own copy, whose QR verifies on the public page. In English and in Urdu.
/// </summary>
public sealed class FirCopyServiceTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en", "Reference")]
    [InlineData("ur", "حوالہ")]
    public async Task TheComplainant_AppliesForTheFirCopy_AndDownloadsTheFirsOwnCopy(string language, string recordLabelWord)
    {
        var station = app.Demo("frontdesk").Unit;
        var nationalId = "35202-" + Random.Shared.Next(1_000_000, 9_999_999) + "-" + Random.Shared.Next(1, 9);
        var (firReference, firNumber) = await RegisterFirAsync(station, nationalId);
        var folder = Directory.CreateTempSubdirectory("nigehban-e2e-fir-copy").FullName;
        var idCopy = Path.Combine(folder, "id-copy.pdf");
        await File.WriteAllTextAsync(idCopy, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", Ct);

        var citizen = await app.NewPageAsync();
        await citizen.GotoAsync($"/culture/{language}?returnUrl=%2Fservices%2Ffir-copy%2Fapply");
        await Expect(citizen.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(citizen.Locator("label[for=record]")).ToContainTextAsync(recordLabelWord, new() { IgnoreCase = true });

        // A careless first try: the last character of the reference mistyped.
        var mistyped = firReference[..^1] + (firReference[^1] == 'A' ? 'B' : 'A');
        await FillAsync(citizen, station, nationalId, mistyped, idCopy);
        await Expect(citizen.Locator("#record-error")).ToBeVisibleAsync();
        await Expect(citizen.Locator("#record")).ToHaveAttributeAsync("aria-invalid", "true");

        await FillAsync(citizen, station, nationalId, firReference, idCopy);
        await Expect(citizen.Locator("#reference")).ToBeVisibleAsync();
        var reference = (await citizen.Locator("#reference").InnerTextAsync()).Trim();
        await IssueAsync(station, reference);

        await citizen.GotoAsync("/track");
        await citizen.Locator("#reference").FillAsync(reference);
        await citizen.Locator("#nationalId").FillAsync(nationalId);
        await citizen.Locator("form.track-form button[type=submit]").ClickAsync();
        var href = await citizen.Locator("#download").GetAttributeAsync("href");
        var pdf = await citizen.APIRequest.GetAsync(href!);
        pdf.Status.ShouldBe(200);
        var scanned = await QrFromPdf.DecodeAsync(await pdf.BodyAsync());
        await citizen.GotoAsync(scanned);
        await Expect(citizen.Locator("#verdict")).ToHaveAttributeAsync("data-status", "valid");
        await Expect(citizen.Locator("#verdict")).ToContainTextAsync(firNumber);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AtTheCounter_TheDeskNamesTheFir_AndAMistypedReferenceIsRefusedBesideTheField()
    {
        var station = app.Demo("frontdesk").Unit;
        var nationalId = "35202-" + Random.Shared.Next(1_000_000, 9_999_999) + "-" + Random.Shared.Next(1, 9);
        var (firReference, _) = await RegisterFirAsync(station, nationalId);
        var account = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        await page.GotoAsync("/console/counter");
        await Expect(page.Locator("#counter-page")).ToHaveAttributeAsync("data-interactive", "true");

        await page.Locator("#new-application-toggle").ClickAsync();
        await page.Locator("#new-service").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Copy of FIR" }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.Locator("#new-national-id").FillAsync(nationalId);
        await page.Locator("#new-name").FillAsync("Generated Complainant");
        await page.Locator("#new-phone").FillAsync("+923001234567");

        // The citizen reads the reference off an old SMS and gets its last character wrong.
        await page.Locator("#new-record").FillAsync(firReference[..^1] + (firReference[^1] == 'A' ? 'B' : 'A'));
        await page.Locator("#new-submit").ClickAsync();
        var recordError = page.Locator(".mud-input-control:has(#new-record) .mud-input-helper-text.mud-input-error");
        await Expect(recordError).ToBeVisibleAsync();
        (await recordError.InnerTextAsync()).Trim().ShouldNotBeEmpty();
        await Expect(page.Locator("#new-application-result")).ToHaveCountAsync(0);

        await page.Locator("#new-record").FillAsync(firReference);
        await page.Locator("#new-submit").ClickAsync();
        var result = page.Locator("#new-application-result");
        await Expect(result).ToBeVisibleAsync();
        (await result.GetAttributeAsync("data-reference")).ShouldNotBeNullOrEmpty();
    }

    private static async Task FillAsync(Microsoft.Playwright.IPage page, string station, string nationalId, string record, string idCopy)
    {
        await page.Locator("#nationalId").FillAsync(nationalId);
        await page.Locator("#name").FillAsync("Generated Complainant");
        await page.Locator("#parentName").FillAsync("Generated Father");
        await page.Locator("#phone").FillAsync("+92 300 0000000");
        await page.Locator("#record").FillAsync(record);
        await page.Locator("#unit").SelectOptionAsync(station);
        await page.Locator("#document-national-id-copy").SetInputFilesAsync(idCopy);
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
    }

    /// <summary>An FIR naming the applicant as its complainant, registered over the API by a desk officer of the station.</summary>
    private async Task<(string Reference, string FirNumber)> RegisterFirAsync(string station, string nationalId)
    {
        using var desk = await SignedInAsync(Roles.FrontDesk, station);
        var response = await desk.PostAsJsonAsync("/api/v1/firs", new
        {
            unit = station,
            offences = new[] { "PPC 379" },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            place = new { text = "Generated Market" },
            narrative = "A generated test report: a bicycle was taken from outside the market.",
            parties = new object[]
            {
                new { role = "complainant", name = "Generated Complainant", phone = "+92303" + Random.Shared.Next(1000000, 9999999), nationalId, gender = "female", age = 38 },
                new { role = "accused", unknown = true, description = "Not seen" },
            },
            investigatingOfficer = "io",
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        var fir = JsonDocument.Parse(body).RootElement;
        return (fir.GetProperty("reference").GetString()!, fir.GetProperty("firNumber").GetString()!);
    }

    private async Task IssueAsync(string station, string reference)
    {
        using var desk = await SignedInAsync(Roles.FrontDesk, station);
        using var sho = await SignedInAsync(Roles.Sho, station);
        foreach (var (staff, to) in new[] { (desk, "DocumentsChecked"), (desk, "RecordChecked"), (sho, "Approved"), (desk, "Issued") })
        {
            var moved = await staff.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to }, Ct);
            moved.IsSuccessStatusCode.ShouldBeTrue(await moved.Content.ReadAsStringAsync(Ct));
        }
    }

    private async Task<HttpClient> SignedInAsync(string role, string station)
    {
        var account = await app.CreateStaffAsync(role, station);
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = account.UserName, password = account.Password, otp = BrowserApp.CurrentOtp(account.TotpSecret) }, Ct);
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
