using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>The front desk sees the documents it checks: served as uploaded, inside jurisdiction, every opening audited.</summary>
public abstract class SupportingDocumentAccessTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_OpensAnUploadedDocument_AsUploaded_AndTheReadIsAudited()
    {
        var (reference, pdfId, pngId) = await ApplyAsync("LHR-PS01");
        var desk = await app.SignInAsync("frontdesk");

        var pdf = await desk.GetAsync($"/api/v1/service-requests/{reference}/documents/{pdfId}", Ct);
        var png = await desk.GetAsync($"/api/v1/service-requests/{reference}/documents/{pngId}", Ct);

        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        (await pdf.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(SmallPdf);
        png.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await png.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(SmallPng);
        var reads = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "supporting-document.read" && (e.ObjectId == pdfId || e.ObjectId == pngId)).ToListAsync(Ct));
        reads.Count.ShouldBe(2);
        reads.ShouldAllBe(e => e.ActorName == "frontdesk" && e.Details!.StartsWith(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_Returns404OutsideJurisdiction_401Anonymous_And404ForAnotherApplicationsId()
    {
        var (sialkot, sialkotPdf, _) = await ApplyAsync("SKP-PS01");
        var (lahore, _, _) = await ApplyAsync("LHR-PS01");
        var lahoreDesk = await app.SignInAsync("frontdesk");

        (await lahoreDesk.GetAsync($"/api/v1/service-requests/{sialkot}/documents/{sialkotPdf}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lahoreDesk.GetAsync($"/api/v1/service-requests/{lahore}/documents/{sialkotPdf}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/v1/service-requests/{sialkot}/documents/{sialkotPdf}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.SignInAsync("frontdesk2")).GetAsync($"/api/v1/service-requests/{sialkot}/documents/{sialkotPdf}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<(string Reference, string PdfId, string PngId)> ApplyAsync(string unit)
    {
        var citizen = app.CreateClient();
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(citizen, Application(nationalId, unit: unit))).GetProperty("reference").GetString()!;
        var pdf = await PostDocumentAsync(citizen, reference, "national-id-copy", SmallPdf, "cnic.pdf", nationalId);
        var png = await PostDocumentAsync(citizen, reference, "photo", SmallPng, "photo.png", nationalId);
        return (reference, await IdAsync(pdf), await IdAsync(png));
    }

    private static async Task<string> IdAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }
}

public sealed class SupportingDocumentAccessTests_Sqlite(SqliteApp app) : SupportingDocumentAccessTests(app);
public sealed class SupportingDocumentAccessTests_Postgres(PostgresApp app) : SupportingDocumentAccessTests(app);
