using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Documents;
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

    [Fact]
    public async Task Download_WithThePortalsTicket_ServesThePdf_AndRefusesAlteredExpiredOrMisplacedTickets()
    {
        var (reference, nationalId) = await IssueAsync("Test Applicant");
        var (other, _) = await IssueAsync("Test Applicant");
        var tickets = app.Services.GetRequiredService<CertificateDownloadTickets>();
        var ticket = tickets.Issue(reference, nationalId);
        var client = app.CreateClient();

        var response = await client.GetAsync($"/api/v1/service-requests/{reference}/document?ticket={Uri.EscapeDataString(ticket)}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PdfTools.TextAsync(await response.Content.ReadAsByteArrayAsync(Ct))).ShouldContain(reference);
        ticket.ShouldNotContain(nationalId.Replace("-", string.Empty, StringComparison.Ordinal));
        var altered = ticket[..^2] + (ticket[^2] == 'A' ? 'B' : 'A') + ticket[^1];
        var expired = tickets.Issue(reference, nationalId, TimeSpan.FromMinutes(-1));
        foreach (var (path, bad) in new[] { (reference, altered), (reference, expired), (other, ticket), (reference, "not-a-ticket") })
        {
            var refused = await client.GetAsync($"/api/v1/service-requests/{path}/document?ticket={Uri.EscapeDataString(bad)}", Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("ticket");
        }
    }

    [Fact]
    public async Task Verification_OfAForgedSignature_SaysForged_AndShowsNothingOfTheRealCertificate()
    {
        var (reference, _) = await IssueAsync("Test Applicant");
        var issued = await app.WithDbAsync(db => db.Set<IssuedDocument>().IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.ServiceRequestReference == reference, Ct));
        var forgedSignature = (issued.Signature[0] == 'A' ? "B" : "A") + issued.Signature[1..];

        var genuine = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{issued.Code}/verification?s={issued.Signature}", Ct);
        var forged = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{issued.Code}/verification?s={forgedSignature}", Ct);

        genuine.GetProperty("status").GetString().ShouldBe("Valid");
        genuine.GetProperty("holder").GetString().ShouldBe("T*** A********");
        forged.GetProperty("status").GetString().ShouldBe("Forged");
        foreach (var detail in new[] { "service", "issuedAt", "holder" })
        {
            forged.GetProperty(detail).ValueKind.ShouldBe(JsonValueKind.Null, detail);
        }
    }

    [Fact]
    public async Task Verification_SaysUnknownForANeverIssuedCode_ForgedForATamperedOne_And400ForGarbage()
    {
        var client = app.CreateClient();
        var neverIssued = VerificationCode.New();
        var tampered = neverIssued[..^1] + (neverIssued[^1] == '0' ? '1' : '0'); // one check character fits: any other is refused

        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{neverIssued}/verification", Ct)).GetProperty("status").GetString().ShouldBe("Unknown");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{tampered}/verification", Ct)).GetProperty("status").GetString().ShouldBe("Forged");
        foreach (var garbage in new[] { "hello", "12345", "ABCD-EFGH-JKLMN", "ABCD-EFGH-JKMNPQ", "%3Cscript%3E" })
        {
            var response = await client.GetAsync($"/api/v1/certificates/{garbage}/verification", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, garbage);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            problem.GetProperty("field").GetString().ShouldBe("code");
            problem.GetProperty("detail").GetString()!.ShouldContain("not a certificate code");
        }
    }

    private async Task<byte[]> IssueAndDownloadAsync(string name)
    {
        var (reference, nationalId) = await IssueAsync(name);
        var response = await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}/document?nationalId={nationalId}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private async Task<(string Reference, string NationalId)> IssueAsync(string name)
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app, name: name);
        var desk = await app.SignInAsync("frontdesk");
        await TransitionAsync(desk, reference, "DocumentsChecked");
        await TransitionAsync(desk, reference, "RecordChecked");
        await TransitionAsync(await app.SignInAsync("sho"), reference, "Approved");
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await TransitionAsync(desk, reference, "Issued");
        return (reference, nationalId);
    }
}

public sealed class OfficialDocumentPdfTests_Sqlite(SqliteApp app) : OfficialDocumentPdfTests(app);
public sealed class OfficialDocumentPdfTests_Postgres(PostgresApp app) : OfficialDocumentPdfTests(app);
