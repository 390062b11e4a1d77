using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Cases;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>The FIR copy (issue 17, item 4): a PDF of the FIR whose QR code the public verification checks.</summary>
public abstract class FirCopyTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copy_IsAPdfOfTheFir_WhoseQrVerifies_AndAnAlteredFirIsForged()
    {
        var desk = await app.SignInAsync("frontdesk");
        var fir = await RegisterAsync(desk, Fir(NewPhone()));
        var reference = fir.GetProperty("reference").GetString()!;

        var response = await desk.GetAsync($"/api/v1/firs/{reference}/copy", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync(Ct);

        var text = await PdfTools.TextAsync(pdf);
        text.ShouldContain(fir.GetProperty("firNumber").GetString()!);
        text.ShouldContain("PPC 392");
        var url = new Uri(await PdfTools.QrAsync(pdf));
        url.AbsolutePath.ShouldStartWith("/verify/");
        var code = url.AbsolutePath["/verify/".Length..];
        var signature = System.Web.HttpUtility.ParseQueryString(url.Query)["s"];

        var verdict = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{code}/verification?s={signature}", Ct);
        verdict.GetProperty("status").GetString().ShouldBe("Valid");
        verdict.GetProperty("service").GetString()!.ShouldContain(fir.GetProperty("firNumber").GetString()!);
        verdict.GetProperty("holder").GetString().ShouldBe("T*** C**********");

        // The public page says so too.
        var page = await app.CreateClient().GetStringAsync(url.PathAndQuery, Ct);
        page.ShouldContain("data-status=\"valid\"");

        // Someone edits the stored FIR's offences: the copy no longer verifies, and says nothing of the FIR.
        await app.WithDbAsync(db => db.Set<FirOffence>().Where(o => db.Set<Fir>().Any(f => f.Reference == reference && f.Id == o.FirId) && o.Position == 0)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Code, "PPC 379"), Ct));
        var forged = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{code}/verification?s={signature}", Ct);
        forged.GetProperty("status").GetString().ShouldBe("Forged");
        forged.GetProperty("service").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Copy_OutsideTheJurisdiction_Is404()
    {
        var fir = await RegisterAsync(await app.SignInAsync("frontdesk"), Fir(NewPhone()));

        var response = await (await app.SignInAsync("frontdesk2")).GetAsync($"/api/v1/firs/{fir.GetProperty("reference").GetString()}/copy", Ct);

        (await FieldOfAsync(response, 404)).ShouldBe("reference");
    }
}

public sealed class FirCopyTests_Sqlite(SqliteApp app) : FirCopyTests(app);

public sealed class FirCopyTests_Postgres(PostgresApp app) : FirCopyTests(app);
