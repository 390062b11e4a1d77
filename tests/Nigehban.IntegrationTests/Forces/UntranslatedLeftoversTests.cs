using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.Platform;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Forces;

/// <summary>
/// The sentences that stayed English after ADR-040: the complaint centre's refusals, the record check's
/// own notes, and the Platform's 415 and 429. In Urdu (Punjab) and Kinyarwanda (Rwanda) each is told in
/// the reader's language, while the field it names stays as the API spells it.
/// </summary>
public abstract class UntranslatedLeftoversTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    private static async Task<(HttpStatusCode Status, string? Field, string Detail)> AskAsync(HttpClient client, HttpMethod method, string path, string language, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.TryGetProperty("field", out var field) ? field.GetString() : null, body.GetProperty("detail").GetString()!);
    }

    [Theory]
    [InlineData("/api/v1/police-complaints/PKM-LHR-26-000000-Z/tracking?phone=%2B923001234567", HttpStatusCode.NotFound, "reference", "No complaint matches this reference.")]
    [InlineData("/api/v1/police-complaints/PKM-LHR-26-000000-Z/tracking", HttpStatusCode.BadRequest, "phone", "'phone' is required: the number you gave with the complaint.")]
    public async Task ComplaintCentreRefusals_AreInUrdu(string path, HttpStatusCode status, string field, string english)
    {
        var client = app.CreateClient();

        var inEnglish = await AskAsync(client, HttpMethod.Get, path, "en");
        var inUrdu = await AskAsync(client, HttpMethod.Get, path, "ur");

        inEnglish.ShouldBe((status, field, english));
        inUrdu.Status.ShouldBe(status);
        inUrdu.Field.ShouldBe(field);
        inUrdu.Detail.ShouldNotBe(english);
        inUrdu.Detail.ShouldContain("شکایت");
    }

    [Fact]
    public async Task ComplaintCentreListRefusal_IsInUrdu()
    {
        var centre = await app.SignInAsync("centre");

        var inUrdu = await AskAsync(centre, HttpMethod.Get, "/api/v1/police-complaints?status=Lost", "ur");

        inUrdu.Status.ShouldBe(HttpStatusCode.BadRequest);
        inUrdu.Field.ShouldBe("status");
        inUrdu.Detail.ShouldNotBe("'status' is one of Received, Assigned, Replied, Closed.");
        inUrdu.Detail.ShouldContain("ان میں سے ایک");
    }

    [Fact]
    public async Task RecordCheckNotes_AreReadInUrdu_ThoughStoredAsTheSystemWroteThem()
    {
        var (reference, _) = await ServiceCentreFixtures.ApplyWithDocumentsAsync(app, unit: app.Demo("frontdesk").Unit);
        var desk = await app.SignInAsync("frontdesk");
        await ServiceCentreFixtures.TransitionAsync(desk, reference, "DocumentsChecked");
        await ServiceCentreFixtures.TransitionAsync(desk, reference, "RecordChecked");

        var english = await ReadAsync(desk, reference, "en");
        var urdu = await ReadAsync(desk, reference, "ur");

        english.Note.ShouldBe("Record check: clear.");
        english.Summary.ShouldBe("No record found.");
        urdu.Note.ShouldNotBe(english.Note);
        urdu.Note!.ShouldContain("ریکارڈ");
        urdu.Summary.ShouldNotBe(english.Summary);
        urdu.Summary!.ShouldContain("ریکارڈ");
    }

    private static async Task<(string? Note, string? Summary)> ReadAsync(HttpClient staff, string reference, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/service-requests/{reference}");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await staff.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var step = detail.GetProperty("timeline").EnumerateArray().Single(s => s.GetProperty("to").GetString() == "RecordChecked");
        return (step.GetProperty("note").GetString(), detail.GetProperty("recordCheckSummary").GetString());
    }

    [Fact]
    public async Task UnreadableCharset_415_IsInUrdu()
    {
        const string english = "The Content-Type names a character set this server cannot read; send the body as UTF-8 (application/json).";
        var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=nonsense");

        var inUrdu = await AskAsync(app.CreateClient(), HttpMethod.Post, "/api/v1/service-requests", "ur", content);

        inUrdu.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        inUrdu.Field.ShouldBe("Content-Type");
        inUrdu.Detail.ShouldNotBe(english);
        inUrdu.Detail.ShouldContain("UTF-8");
    }

    [Fact]
    public async Task RateLimit_429_AndComplaintCentreRefusals_AreInKinyarwanda()
    {
        await using var rwanda = await ConfiguredApp.StartAsync(Provider, "rwanda", ("RateLimiting:AnonymousPermitPerMinute", "2"));
        var client = rwanda.CreateClient();

        var notFound = await AskAsync(client, HttpMethod.Get, "/api/v1/police-complaints/NOPE/tracking?phone=%2B250788000111", "rw");
        await AskAsync(client, HttpMethod.Get, "/api/v1/police-complaints/NOPE/tracking?phone=%2B250788000111", "rw");
        var limited = await AskAsync(client, HttpMethod.Get, "/api/v1/police-complaints/NOPE/tracking?phone=%2B250788000111", "rw");

        notFound.Status.ShouldBe(HttpStatusCode.NotFound);
        notFound.Detail.ShouldBe("Nta kirego gihuye n'iyi nomero.");
        limited.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Detail.ShouldNotStartWith("Too many requests");
        limited.Detail.ShouldContain("Ongera ugerageze");
    }
}

public sealed class UntranslatedLeftoversTests_Sqlite(SqliteApp app) : UntranslatedLeftoversTests(app)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class UntranslatedLeftoversTests_Postgres(PostgresApp app) : UntranslatedLeftoversTests(app)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
