using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>The citizen's side of the service centre, in a browser with JavaScript switched off: the portal must not need it.</summary>
public sealed partial class ServicePortalTests(BrowserApp app) : IDisposable
{
    private const string Station = "LHR-PS01";

    private readonly string _files = Directory.CreateTempSubdirectory("nigehban-portal-").FullName;

    public void Dispose()
    {
        Directory.Delete(_files, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Citizen_AppliesForCharacterCertificate_WithTwoDocuments_AndTracksIt()
    {
        var cnic = NewCnic();
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/services");
        await page.Locator("#service-character-certificate a.button").ClickAsync();
        await page.WaitForURLAsync("**/services/character-certificate/apply");
        await FillApplicantAsync(page, cnic, "Test Applicant Alpha");
        await page.Locator("#document-national-id-copy").SetInputFilesAsync(TinyPdf());
        await page.Locator("#document-photo").SetInputFilesAsync(PhonePhoto());
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#reference")).ToHaveTextAsync(ReferencePattern());
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        var (dueAt, documents) = await StoredAsync(reference);
        documents.ShouldBe(["national-id-copy", "photo"], ignoreOrder: true);
        var lastDay = TimeZoneInfo.ConvertTime(dueAt, app.Services.GetRequiredService<ForcePack>().TimeZone).AddDays(-1);
        await Expect(page.Locator("#due-at")).ToHaveTextAsync($"By the end of {lastDay.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en"))}");

        await page.Locator("a[href^='/track?reference=']").ClickAsync();
        await Expect(page.Locator("#reference")).ToHaveValueAsync(reference);
        await page.Locator("#nationalId").FillAsync(cnic);
        await page.Locator("form.track-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("Submitted");
        // Applied, then each of the two documents received; with both in, nothing is asked for.
        await Expect(page.Locator(".timeline-step")).ToHaveCountAsync(3);
        await Expect(page.Locator(".timeline-step").First).ToContainTextAsync("Applied online");
        await Expect(page.Locator("#documents li[data-received='true']")).ToHaveCountAsync(2);
        await Expect(page.Locator("form.upload-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Apply_WithInvalidNationalId_ShowsTheErrorBesideTheField_AndKeepsTheValues()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/services/character-certificate/apply");
        await FillApplicantAsync(page, "12345-678", "Test Applicant Beta");
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#nationalId-error")).ToContainTextAsync("CNIC");
        await Expect(page.Locator("#nationalId")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#name")).ToHaveValueAsync("Test Applicant Beta");
        await Expect(page.Locator("#unit")).ToHaveValueAsync(Station);
        await Expect(page.Locator("#reference")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Track_WithWrongNationalId_SaysNoApplicationMatches()
    {
        var cnic = NewCnic();
        var reference = await SubmitDirectlyAsync(cnic);
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/track");
        await page.Locator("#reference").FillAsync(reference);
        await page.Locator("#nationalId").FillAsync(NewCnic());
        await page.Locator("form.track-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#not-found")).ToContainTextAsync("No application matches");
        await Expect(page.Locator("#status")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Test Applicant");
    }

    [Fact]
    public async Task Verify_WithBogusCode_SaysNotGenuine()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/verify");
        await page.Locator("#code").FillAsync("ABCD-EFGH-JKMNP");
        await page.Locator("form.verify-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-status", "forged");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Not genuine");
    }

    [Fact]
    public async Task Verify_FromTheQrAddress_SaysValid_AndAnAlteredSignatureSaysNotGenuine()
    {
        var document = await IssueDocumentAsync();
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync($"/verify/{document.Code}?s={document.Signature}");

        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-status", "valid");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Genuine and valid");
        await Expect(page.Locator("#verdict")).ToContainTextAsync("Character certificate");
        await Expect(page.Locator("#verdict")).ToContainTextAsync("T******** T*******");
        await Expect(page.Locator("#verdict")).Not.ToContainTextAsync("Testfirst");

        var altered = (document.Signature[0] == 'A' ? "B" : "A") + document.Signature[1..];
        await page.GotoAsync($"/verify/{document.Code}?s={altered}");
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-status", "forged");
    }

    [Fact]
    public async Task Verify_WithWellFormedCodeNeverIssued_SaysNotFound()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync($"/verify/{VerificationCode.New()}");

        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-status", "unknown");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Not found");
    }

    [Fact]
    public async Task Services_InUrdu_RenderRightToLeft_WithUrduNames()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await page.GotoAsync("/culture/ur?returnUrl=/services");

        await page.WaitForURLAsync("**/services");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ur");
        await Expect(page.Locator("#service-character-certificate h2")).ToHaveTextAsync("کریکٹر سرٹیفکیٹ");
        await Expect(page.Locator("#service-character-certificate .service-sla")).ToHaveTextAsync("5 کاروباری دن");
    }

    [Fact]
    public async Task Portal_OnAPhone_ListsServicesWithFeesAndDeadlines_AndOpensTheForm()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/");
        await page.Locator(".task-card a[href='/services']").ClickAsync();
        await page.WaitForURLAsync("**/services");
        var certificate = page.Locator("#service-character-certificate");
        await Expect(certificate.Locator(".service-fee")).ToHaveTextAsync("PKR 500");
        await Expect(certificate.Locator(".service-sla")).ToHaveTextAsync("5 working days");
        await Expect(page.Locator("#service-tenant-registration .service-fee")).ToHaveTextAsync("Free");
        await Expect(page.Locator("#service-tenant-registration .service-sla")).ToHaveTextAsync("24 hours");
        await FitsTheScreenAsync(certificate);
        await Screenshots.SaveAsync(page, "portal-services.png");

        await certificate.Locator("a.button").ClickAsync();
        await Expect(page.Locator("#nationalId")).ToHaveAttributeAsync("placeholder", "35202-1234567-1");
        await Expect(page.Locator("#unit optgroup").First).ToHaveAttributeAsync("label", app.Unit("LHR").Name);
        await FitsTheScreenAsync(page.Locator("form.apply-form"));
        await Screenshots.SaveAsync(page, "portal-apply.png");
    }

    [Fact]
    public async Task QueueScreen_ShowsTheCentresCounters_WithoutJavaScript_AndNeverReloadsItself()
    {
        var centre = DemoCentre();
        var (serving, waiting) = await QueueTokensAsync(centre);
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        var response = await page.GotoAsync($"/queue/{centre.Code}");

        response!.Status.ShouldBe(200);
        await Expect(page.Locator("h1")).ToHaveTextAsync(centre.Name);
        await Expect(page.Locator(".counter-tile")).ToHaveCountAsync(4);
        await Expect(page.Locator(".counter-tile[data-counter='1'] .counter-token")).ToContainTextAsync(serving);
        await Expect(page.Locator(".waiting-list")).ToContainTextAsync(waiting);
        // A reload every few seconds threw a screen reader back to the top (issue 20): the screen is
        // pushed to instead (QueueScreenTests), and runs full screen without the portal's chrome.
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".portal-header, .portal-footer")).ToHaveCountAsync(0);
        (await page.GotoAsync("/queue/NO-SUCH-UNIT"))!.Status.ShouldBe(404);
    }

    /// <summary>Nothing wider than the phone: no sideways scrolling.</summary>
    private static async Task FitsTheScreenAsync(ILocator element)
    {
        var box = (await element.BoundingBoxAsync())!;
        box.X.ShouldBeGreaterThanOrEqualTo(0);
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(390);
    }

    private static async Task FillApplicantAsync(IPage page, string nationalId, string name)
    {
        await page.Locator("#nationalId").FillAsync(nationalId);
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#parentName").FillAsync("Test Father");
        await page.Locator("#phone").FillAsync("+92 300 0000000");
        await page.Locator("#address").FillAsync("1 Test Street, Lahore");
        await page.Locator("#unit").SelectOptionAsync(Station);
    }

    /// <summary>A CNIC of the right shape that no other test uses.</summary>
    private static string NewCnic() =>
        string.Create(CultureInfo.InvariantCulture, $"35202-{RandomNumberGenerator.GetInt32(1_000_000, 10_000_000)}-{RandomNumberGenerator.GetInt32(1, 10)}");

    [GeneratedRegex(@"^PKM-[A-Z0-9]{2,8}-\d{2}-\d{6,10}-[0-9A-Z]$")]
    private static partial Regex ReferencePattern();

    private string TinyPdf()
    {
        var path = Path.Combine(_files, "cnic-copy.pdf");
        File.WriteAllText(path, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", Encoding.ASCII);
        return path;
    }

    /// <summary>A 1×1 PNG padded to a phone photo's size: past the host's 1 MB default, so the page's own body limit is exercised.</summary>
    private string PhonePhoto()
    {
        var path = Path.Combine(_files, "photo.png");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        File.WriteAllBytes(path, [.. png, .. new byte[1_500_000]]);
        return path;
    }

    private async Task<(DateTimeOffset DueAt, string[] Documents)> StoredAsync(string reference)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var request = await db.Set<ServiceRequest>().IgnoreQueryFilters().SingleAsync(r => r.Reference == reference);
        var documents = await db.Set<SupportingDocument>().IgnoreQueryFilters().Where(d => d.ServiceRequestId == request.Id).Select(d => d.DocumentCode).ToArrayAsync();
        return (request.DueAt, documents);
    }

    /// <summary>A signed document as the issuing step stores it, without walking an application through every step.</summary>
    private async Task<IssuedDocument> IssueDocumentAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var station = app.Unit(Station);
        var document = new IssuedDocument
        {
            Id = Guid.CreateVersion7(),
            Code = VerificationCode.New(),
            ServiceRequestId = Guid.CreateVersion7(),
            ServiceRequestReference = "PKM-LHR-26-999999-X",
            ServiceCode = "character-certificate",
            Kind = "certificate",
            HolderName = "Testfirst Testlast",
            HolderNationalId = "3520211111111",
            IssuedAt = DateTimeOffset.UtcNow,
            IssuedBy = "e2e",
            Statement = "Police records were checked and nothing adverse was found against the holder.",
            Signature = string.Empty,
            UnitPath = station.Path,
        };
        document.Signature = scope.ServiceProvider.GetRequiredService<DocumentSigner>().Sign(document.SignedFields());
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        db.Add(document);
        await db.SaveChangesAsync();
        return document;
    }

    /// <summary>Tokens as the front desk issues and calls them, written directly: the screen only reads.</summary>
    private async Task<(string Serving, string Waiting)> QueueTokensAsync(UnitInfo centre)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var now = DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, app.Services.GetRequiredService<ForcePack>().TimeZone).DateTime);
        var first = RandomNumberGenerator.GetInt32(500, 990);
        db.Add(new QueueToken { Id = Guid.CreateVersion7(), UnitCode = centre.Code, UnitPath = centre.Path, Day = day, Number = first, Status = TokenStatus.Called, IssuedAt = now.AddMinutes(-12), CalledAt = now, CounterNumber = 1 });
        db.Add(new QueueToken { Id = Guid.CreateVersion7(), UnitCode = centre.Code, UnitPath = centre.Path, Day = day, Number = first + 1, Status = TokenStatus.Waiting, IssuedAt = now });
        await db.SaveChangesAsync();
        return (first.ToString("D3", CultureInfo.InvariantCulture), (first + 1).ToString("D3", CultureInfo.InvariantCulture));
    }

    /// <summary>An application made through the handler the page uses, for tests about what follows it.</summary>
    private async Task<string> SubmitDirectlyAsync(string cnic)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitServiceRequestHandler>().HandleAsync(
            new SubmitServiceRequestCommand("character-certificate", Station, new ApplicantInput(cnic, "Test Applicant Gamma", null, null, null, null), null, "online"),
            null,
            CancellationToken.None);
        return submitted.Reference;
    }

    /// <summary>Where the demo data sets up counters: the first station of the first district.</summary>
    private UnitInfo DemoCentre()
    {
        var units = app.Services.GetRequiredService<UnitDirectory>();
        var district = units.All.First(u => u.Kind == "district");
        return units.All.First(u => u.Kind == "station" && u.Path.StartsWith(district.Path, StringComparison.Ordinal));
    }
}
