using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Audit;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// Issue 17: the service centres' "FIR copy" service issues the FIR's own copy (its QR verifies as the
/// FIR copy), only to a party the FIR names, at a centre of the district where it was registered.
/// </summary>
public abstract class FirCopyServiceTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheComplainant_GetsTheFirCopy_WhoseQrVerifiesAsTheFir()
    {
        var (fir, nationalId) = await RegisterFirAsync();
        var citizen = app.CreateClient();
        var reference = (await SubmitAsync(citizen, CopyApplication(nationalId, fir.GetProperty("reference").GetString()!.ToLowerInvariant()))).GetProperty("reference").GetString()!;
        await UploadAsync(citizen, reference, "national-id-copy", SmallPdf, "id.pdf", nationalId);
        var desk = await app.SignInAsync("frontdesk");
        await TransitionAsync(desk, reference, "DocumentsChecked");
        await TransitionAsync(desk, reference, "RecordChecked");
        await TransitionAsync(await app.SignInAsync("sho"), reference, "Approved");
        await TransitionAsync(desk, reference, "Issued");

        var response = await citizen.GetAsync($"/api/v1/service-requests/{reference}/document?nationalId={nationalId}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var pdf = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = await PdfTools.TextAsync(pdf);
        text.ShouldContain("First Information Report " + fir.GetProperty("firNumber").GetString());
        var url = new Uri(await PdfTools.QrAsync(pdf));
        var code = url.AbsolutePath["/verify/".Length..];
        var signature = System.Web.HttpUtility.ParseQueryString(url.Query)["s"];
        var verdict = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{code}/verification?s={signature}", Ct);
        verdict.GetProperty("status").GetString().ShouldBe("Valid");
        verdict.GetProperty("service").GetString()!.ShouldContain(fir.GetProperty("firNumber").GetString()!);
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "fir-copy.issued-read" && e.ObjectId == fir.GetProperty("reference").GetString(), Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task AnFirThatIsNotTheApplicants_OrNotInTheCentresDistrict_OrMistyped_IsOneClearRefusal_AndNothingIsStored()
    {
        var (fir, nationalId) = await RegisterFirAsync();
        var firReference = fir.GetProperty("reference").GetString()!;
        var stranger = NewCnic();
        var mistyped = firReference[..^1] + (firReference[^1] == 'A' ? 'B' : 'A');

        var notTheirs = await PostAsync(CopyApplication(stranger, firReference));
        var otherDistrict = await PostAsync(CopyApplication(nationalId, firReference, unit: "SKP-PS01"));
        var typo = await PostAsync(CopyApplication(nationalId, mistyped));
        var missing = await PostAsync(CopyApplication(nationalId, record: null));

        foreach (var response in new[] { notTheirs, otherDistrict, typo, missing })
        {
            (await FrontDesk.FrontDeskFixtures.FieldOfAsync(response, 400)).ShouldBe("details.record");
        }

        // One answer for "not yours" and "no such FIR": the refusal says nothing of the FIR.
        var notTheirsText = await DetailOfAsync(notTheirs);
        notTheirsText.ShouldBe(await DetailOfAsync(typo));
        notTheirsText.ShouldBe(await DetailOfAsync(otherDistrict));
        notTheirsText.ShouldNotContain("Test Complainant");
        (await app.WithDbAsync(db => db.Set<ServiceRequest>().CountAsync(r => r.Applicant.NationalId == stranger || r.Applicant.NationalId == nationalId, Ct))).ShouldBe(0);
    }

    private async Task<(JsonElement Fir, string NationalId)> RegisterFirAsync()
    {
        var nationalId = NewCnic();
        var phone = NewPhone();
        object[] parties =
        [
            new { role = "complainant", name = "Test Complainant", phone, nationalId, gender = "female", age = 41 },
            new { role = "accused", unknown = true, description = "A generated unknown accused" },
        ];
        return (await RegisterAsync(await app.SignInAsync("frontdesk"), Fir(phone, parties: parties)), nationalId);
    }

    private static object CopyApplication(string nationalId, string? record, string unit = "LHR-PS01") => new
    {
        serviceCode = "fir-copy",
        unit,
        applicant = new { nationalId, name = "Test Complainant", parentName = "Test Father", phone = "+923001234567" },
        details = record is null ? null : new Dictionary<string, string> { ["record"] = record },
    };

    private static async Task<string> DetailOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;

    private async Task<HttpResponseMessage> PostAsync(object application) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/service-requests", application, Ct);
}

public sealed class FirCopyServiceTests_Sqlite(SqliteApp app) : FirCopyServiceTests(app);

public sealed class FirCopyServiceTests_Postgres(PostgresApp app) : FirCopyServiceTests(app);
