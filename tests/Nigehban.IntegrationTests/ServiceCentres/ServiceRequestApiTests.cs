using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Features.ServiceCentres;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

public abstract partial class ServiceRequestApiTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^PKM-LHR-\d{2}-\d{6}-[0-9A-Z]$")]
    private static partial Regex LahoreReference();

    [Fact]
    public async Task Services_ListsCatalogueWithFeesAndSla_InCallersLanguage()
    {
        var client = app.CreateClient();
        var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services", Ct);

        var character = services!.Single(s => s.GetProperty("code").GetString() == "character-certificate");
        character.GetProperty("fee").GetProperty("amount").GetDecimal().ShouldBe(500m);
        character.GetProperty("fee").GetProperty("currency").GetString().ShouldBe("PKR");
        character.GetProperty("sla").GetString().ShouldBe("5wd");
        character.GetProperty("requiredDocuments").GetArrayLength().ShouldBe(2);
        var tenant = services!.Single(s => s.GetProperty("code").GetString() == "tenant-registration");
        tenant.GetProperty("fee").GetProperty("amount").GetDecimal().ShouldBe(0m);
        tenant.GetProperty("sla").GetString().ShouldBe("24h");
        services!.Length.ShouldBeGreaterThanOrEqualTo(12);

        using var urdu = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        urdu.Headers.AcceptLanguage.ParseAdd("ur");
        var inUrdu = await (await client.SendAsync(urdu, Ct)).Content.ReadFromJsonAsync<JsonElement[]>(Ct);
        inUrdu!.Single(s => s.GetProperty("code").GetString() == "character-certificate").GetProperty("name").GetString().ShouldBe("کریکٹر سرٹیفکیٹ");
    }

    [Fact]
    public async Task Submit_Returns201WithReferenceAndDueAt()
    {
        var submitted = await SubmitAsync(app.CreateClient(), Application(NewCnic()));

        submitted.GetProperty("reference").GetString()!.ShouldMatch(LahoreReference().ToString());
        submitted.GetProperty("status").GetString().ShouldBe("Submitted");
        submitted.GetProperty("dueAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(4));
    }

    [Theory]
    [InlineData("serviceCode", "no-such-service", "LHR-PS01", "35202-1234567-1", "Test Person")]
    [InlineData("unit", "character-certificate", "NOWHERE", "35202-1234567-1", "Test Person")]
    [InlineData("unit", "character-certificate", "RGN-LHR", "35202-1234567-1", "Test Person")]
    [InlineData("applicant.nationalId", "character-certificate", "LHR-PS01", "35202-123456-1", "Test Person")]
    [InlineData("applicant.nationalId", "character-certificate", "LHR-PS01", "1199080012345012", "Test Person")]
    [InlineData("applicant.name", "character-certificate", "LHR-PS01", "35202-1234567-1", "")]
    public async Task Submit_Returns400NamingTheField_WhenInputInvalid(string field, string service, string unit, string nationalId, string name)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/service-requests", Application(nationalId, service, unit, name), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Theory]
    [InlineData('\u06F0')] // Extended Arabic-Indic, as Urdu keyboards type them
    [InlineData('\u0660')] // Arabic-Indic
    public async Task Submit_AcceptsANationalIdInUrduOrArabicDigits_AndStoresItNormalised(char zero)
    {
        var nationalId = NewCnic();
        var typed = "\u200F" + new string(nationalId.Select(c => char.IsAsciiDigit(c) ? (char)(zero + (c - '0')) : c).ToArray());

        var reference = (await SubmitAsync(app.CreateClient(), Application(typed))).GetProperty("reference").GetString();

        var view = await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct);
        view.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Submit_WithReplayedIdempotencyKey_ReturnsFirstResponseAndCreatesNothing()
    {
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var application = Application(NewCnic());

        var first = await SubmitAsync(client, application, key);
        var countAfterFirst = await CountRequestsAsync();
        var second = await SubmitAsync(client, application, key);

        second.GetProperty("reference").GetString().ShouldBe(first.GetProperty("reference").GetString());
        second.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(first.GetProperty("dueAt").GetDateTimeOffset());
        (await CountRequestsAsync()).ShouldBe(countAfterFirst);
    }

    [Fact]
    public async Task Track_ShowsStatusAndTimeline_ToTheApplicant()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString();

        var view = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct);

        view.GetProperty("status").GetString().ShouldBe("Submitted");
        view.GetProperty("applicantName").GetString().ShouldBe("T*** A********");
        view.GetProperty("timeline").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Track_Returns404_WhenNationalIdWrongOrReferenceMistyped()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString()!;
        var otherPerson = NewCnic();
        // One changed digit in the sequence: the check character no longer fits.
        var digit = reference[^3] == '9' ? '8' : (char)(reference[^3] + 1);
        var mistyped = reference[..^3] + digit + reference[^2..];

        var client = app.CreateClient();
        (await client.GetAsync($"/api/v1/service-requests/{reference}?nationalId={otherPerson}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/service-requests/{mistyped}?nationalId={nationalId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_Returns400_WhenExecutableIsRenamedPdf()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString()!;
        byte[] executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

        var response = await PostDocumentAsync(app.CreateClient(), reference, "national-id-copy", executable, "cnic.pdf", nationalId);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("file");
    }

    [Fact]
    public async Task DocumentsChecked_Returns400_WhenRequiredDocumentMissing()
    {
        var reference = (await SubmitAsync(app.CreateClient(), Application(NewCnic()))).GetProperty("reference").GetString();
        var desk = await app.SignInAsync("frontdesk");

        var response = await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "DocumentsChecked" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("documents.national-id-copy");
    }

    [Fact]
    public async Task Lifecycle_FromSubmissionToVerifiedCertificate()
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app);
        var desk = await app.SignInAsync("frontdesk");
        var sho = await app.SignInAsync("sho");

        await TransitionAsync(desk, reference, "DocumentsChecked");
        var checkedRecord = await TransitionAsync(desk, reference, "RecordChecked");
        checkedRecord.GetProperty("recordCheckHit").GetBoolean().ShouldBeFalse();
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "Approved" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await TransitionAsync(sho, reference, "Approved");
        var unpaid = await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "Issued" }, Ct);
        unpaid.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // The refusal writes money as everywhere else and says what to do next.
        var refusal = (await unpaid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString() ?? "";
        refusal.ShouldContain("PKR 500 has not been paid");
        refusal.ShouldContain($"POST /api/v1/service-requests/{reference}/payments");
        var wrongAmount = await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 50 }, Ct);
        (await wrongAmount.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!.ShouldContain("The fee due is PKR 500.");
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var issued = await TransitionAsync(desk, reference, "Issued");
        issued.GetProperty("status").GetString().ShouldBe("Issued");
        issued.GetProperty("timeline").GetArrayLength().ShouldBe(5);

        var pdf = await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}/document?nationalId={nationalId}", Ct);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await desk.GetAsync($"/api/v1/service-requests/{reference}/document", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The PDF names the holder and the national ID: the holder's and the desk's readings are both audited.
        var reads = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "issued-document.read" && e.Details!.StartsWith(reference!)).Select(e => e.ActorName).ToListAsync(Ct));
        reads.Count.ShouldBe(2);
        reads.ShouldContain("frontdesk");
        var issuedBy = await app.WithDbAsync(db => db.Set<IssuedDocument>().AsNoTracking()
            .Where(d => d.ServiceRequestReference == reference).Select(d => d.IssuedBy).SingleAsync(Ct));
        issuedBy.ShouldBe("frontdesk");
        var text = await PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync(Ct));
        var code = Regex.Match(text, @"verify/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5})").Groups[1].Value;
        code.ShouldNotBeNullOrEmpty(text);

        var verification = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{code}/verification", Ct);
        verification.GetProperty("status").GetString().ShouldBe("Valid");
        verification.GetProperty("holder").GetString().ShouldBe("T*** A********");
    }

    [Fact]
    public async Task Verification_SaysForged_WhenCodeAlteredOrSignatureWrong_AndUnknown_WhenNeverIssued()
    {
        var client = app.CreateClient();

        (await client.GetFromJsonAsync<JsonElement>("/api/v1/certificates/ABCD-EFGH-JKMN0/verification", Ct)).GetProperty("status").GetString()
            .ShouldBeOneOf("Forged", "Unknown");
        var unknownButWellFormed = Nigehban.Web.Platform.Documents.VerificationCode.New();
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{unknownButWellFormed}/verification", Ct)).GetProperty("status").GetString().ShouldBe("Unknown");
    }

    [Fact]
    public async Task Transition_Returns409_WhenStatusChangeIsIllegal()
    {
        var (reference, _) = await ApplyWithDocumentsAsync(app);
        var sho = await app.SignInAsync("sho");

        var response = await sho.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "Approved" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reject_RequiresReason_AndShowsItToTheCitizen()
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app);
        var sho = await app.SignInAsync("sho");

        (await sho.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "Rejected" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await TransitionAsync(sho, reference, "Rejected", "The photograph is not of the applicant.");

        var view = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct);
        view.GetProperty("status").GetString().ShouldBe("Rejected");
        view.GetProperty("reasonForCitizen").GetString().ShouldBe("The photograph is not of the applicant.");
    }

    [Fact]
    public async Task RecordCheck_ShowsHitWithReason_ForAWantedPerson()
    {
        var wanted = Nigehban.Web.Features.Records.SeedDemoRecords.People[0];
        var wantedId = Nigehban.Web.Features.Records.SeedDemoRecords.DemoNationalId(
            Nigehban.Web.Platform.Forces.ForcePackLoader.Load(Path.Combine(AppContext.BaseDirectory, "forces", "punjab")).NationalId, 0);
        var (reference, _) = await ApplyWithDocumentsAsync(app, nationalId: wantedId, name: wanted.Name);
        var desk = await app.SignInAsync("frontdesk");

        await TransitionAsync(desk, reference, "DocumentsChecked");
        var detail = await TransitionAsync(desk, reference, "RecordChecked");

        detail.GetProperty("recordCheckHit").GetBoolean().ShouldBeTrue();
        detail.GetProperty("recordCheckSummary").GetString()!.ShouldContain("wanted");
    }

    [Fact]
    public async Task FrontDeskOfAnotherDistrict_CannotReadOrActOnTheApplication()
    {
        var (reference, _) = await ApplyWithDocumentsAsync(app);
        var otherDistrict = await app.SignInAsync("frontdesk2");

        (await otherDistrict.GetAsync($"/api/v1/service-requests/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherDistrict.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to = "DocumentsChecked" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var queue = await otherDistrict.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?pageSize=100", Ct);
        queue.GetProperty("items").EnumerateArray().ShouldNotContain(r => r.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task Queue_IssuesCallsAndServesTokens_AndTheScreenShowsThem()
    {
        var desk = await app.SignInAsync("frontdesk");
        var issued = await (await desk.PostAsJsonAsync("/api/v1/centres/LHR-PS01/tokens", new { serviceCode = "character-certificate" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = issued.GetProperty("token").GetString();

        var screen = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/centres/LHR-PS01/queue", Ct);
        screen.GetProperty("waiting").EnumerateArray().Select(t => t.GetString()).ShouldContain(token);

        JsonElement called;
        do
        {
            var response = await desk.PostAsync("/api/v1/centres/LHR-PS01/counters/2/calls", null, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            called = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
        while (called.GetProperty("token").GetString() != token);

        var served = await desk.PostAsJsonAsync($"/api/v1/centres/LHR-PS01/tokens/{called.GetProperty("id").GetGuid()}/service", new { reference = (string?)null }, Ct);
        (await served.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("Served");
    }

    private Task<int> CountRequestsAsync() =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<Nigehban.Web.Features.ServiceCentres.ServiceRequest>()));

    [Fact]
    public async Task ReplayedUpload_OfTheSameFile_IsStoredOnce_AndAnotherFileReplacesIt()
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app);
        var citizen = app.CreateClient();

        var replay = await PostDocumentAsync(citizen, reference, "photo", SmallPng, "photo.png", nationalId);
        ((int)replay.StatusCode).ShouldBe(201);
        var replayed = await replay.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var photos = await PhotosAsync(reference);
        photos.ShouldHaveSingleItem("the replay adds nothing");
        photos.ShouldContain(p => p.Id == replayed.GetProperty("id").GetGuid() && p.FileName == "photo.png");

        var corrected = await PostDocumentAsync(citizen, reference, "photo", [.. SmallPng, 0], "photo-2.png", nationalId);
        ((int)corrected.StatusCode).ShouldBe(201);
        (await PhotosAsync(reference)).Select(p => p.FileName).ShouldBe(["photo-2.png"], "a different file replaces the earlier one");
    }

    private Task<List<(Guid Id, string FileName)>> PhotosAsync(string reference) =>
        app.WithDbAsync(async db => (await db.Set<SupportingDocument>()
            .Where(d => d.DocumentCode == "photo" && db.Set<ServiceRequest>().Any(r => r.Id == d.ServiceRequestId && r.Reference == reference))
            .Select(d => new { d.Id, d.FileName })
            .ToListAsync(Ct)).Select(d => (d.Id, d.FileName)).ToList());
}

public sealed class ServiceRequestApiTests_Sqlite(SqliteApp app) : ServiceRequestApiTests(app);
public sealed class ServiceRequestApiTests_Postgres(PostgresApp app) : ServiceRequestApiTests(app);
