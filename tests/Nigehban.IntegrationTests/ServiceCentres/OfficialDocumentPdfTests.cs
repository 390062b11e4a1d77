using System.Net;
using System.Net.Http.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>The issued certificate as a reader sees it: text extracted by poppler, QR decoded by zbar.</summary>
public abstract class OfficialDocumentPdfTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("آزمائشی صارف")] // Urdu: "test user"
    [InlineData("Séraphine Essai")]
    [InlineData("Iñigo Ñandú Prueba")]
    public async Task Certificate_PrintsTheHolderNameExactly_InItsOwnScript(string name)
    {
        var pdf = await IssueAndDownloadAsync(name);

        var text = await PdfTools.TextAsync(pdf);

        text.ShouldContain(name, Case.Sensitive, text);
        (await PdfTools.QrAsync(pdf)).ShouldMatch(@"/verify/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}\?s=[A-Za-z0-9_-]+$");
    }

    [Fact]
    public async Task Certificate_PrintsAVisibleMarkAndLogs_WhenNoFontCoversACharacter()
    {
        using var logs = CapturedLogs.Attach(app);

        var pdf = await IssueAndDownloadAsync("Test 李 Applicant");

        (await PdfTools.TextAsync(pdf)).ShouldContain("Test ? Applicant");
        logs.Lines.ShouldContain(line => line.Contains("U+674E", StringComparison.Ordinal));
    }

    private async Task<byte[]> IssueAndDownloadAsync(string name)
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app, name: name);
        var desk = await app.SignInAsync("frontdesk");
        await TransitionAsync(desk, reference, "DocumentsChecked");
        await TransitionAsync(desk, reference, "RecordChecked");
        await TransitionAsync(await app.SignInAsync("sho"), reference, "Approved");
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await TransitionAsync(desk, reference, "Issued");

        var response = await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}/document?nationalId={nationalId}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }
}

public sealed class OfficialDocumentPdfTests_Sqlite(SqliteApp app) : OfficialDocumentPdfTests(app);
public sealed class OfficialDocumentPdfTests_Postgres(PostgresApp app) : OfficialDocumentPdfTests(app);
