using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>One file per required document: a second file replaces the first; a refusal names what is missing by its title.</summary>
public abstract class SupportingDocumentReplacementTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_OfADocumentAlreadySupplied_ReplacesItsFile()
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app);
        var desk = await app.SignInAsync("frontdesk");
        var before = await FileIdAsync(reference, "national-id-copy");
        var replacement = "%PDF-1.4\n% a clearer scan\n%%EOF\n"u8.ToArray();

        var response = await PostDocumentAsync(app.CreateClient(), reference, "national-id-copy", replacement, "clearer-scan.pdf", nationalId);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var stored = await app.WithDbAsync(db => db.Set<SupportingDocument>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.DocumentCode == "national-id-copy" && db.Set<ServiceRequest>().IgnoreQueryFilters().Any(r => r.Id == d.ServiceRequestId && r.Reference == reference))
            .Select(d => d.FileName).ToListAsync(Ct));
        stored.ShouldBe(["clearer-scan.pdf"]);
        (await desk.GetAsync($"/api/v1/service-requests/{reference}/documents/{before}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var now = await FileIdAsync(reference, "national-id-copy");
        (await (await desk.GetAsync($"/api/v1/service-requests/{reference}/documents/{now}", Ct)).Content.ReadAsByteArrayAsync(Ct)).ShouldBe(replacement);
    }

    [Fact]
    public async Task DocumentsChecked_WhileDocumentsAreMissing_NamesThemByTheirTitles()
    {
        var reference = (await SubmitAsync(app.CreateClient(), Application(NewCnic()))).GetProperty("reference").GetString();
        var desk = await app.SignInAsync("frontdesk");

        var response = await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "DocumentsChecked" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        detail.ShouldContain("Copy of CNIC");
        detail.ShouldContain("Recent photograph");
        detail.ShouldNotContain("national-id-copy");
    }

    private async Task<string> FileIdAsync(string reference, string documentCode) =>
        await app.WithDbAsync(db => db.Set<SupportingDocument>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.DocumentCode == documentCode && db.Set<ServiceRequest>().IgnoreQueryFilters().Any(r => r.Id == d.ServiceRequestId && r.Reference == reference))
            .Select(d => d.Id.ToString()).SingleAsync(Ct));
}

public sealed class SupportingDocumentReplacementTests_Sqlite(SqliteApp app) : SupportingDocumentReplacementTests(app);
public sealed class SupportingDocumentReplacementTests_Postgres(PostgresApp app) : SupportingDocumentReplacementTests(app);
