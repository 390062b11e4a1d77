using System.Globalization;
using System.Net;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.ServiceCentres;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// The console's "not here" is a page a person reads and a 404 a browser understands: an unknown
/// console address, an unknown record and one outside the officer's jurisdiction all answer the
/// localized not-found page with status 404 and a way back to the console, never a 200 that only
/// reads "not found".
/// </summary>
public abstract class ConsoleNotFoundTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<(HttpStatusCode Status, string Html)> BrowseAsync(HttpClient signedIn, string path, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await signedIn.SendAsync(request, Ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        // Blazor writes characters outside Latin as character references.
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("ur", "صفحہ نہیں ملا")]
    public async Task AnotherDistrictsDashboard_IsTheLocalizedNotFoundPage_WithStatus404(string language, string title)
    {
        var dpo = await app.SignInAsync("dpo");
        var elsewhere = app.Demo("dpo2").Unit;

        var (status, html) = await BrowseAsync(dpo, $"/console/dashboard/{elsewhere}", language);

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain(title);
        html.ShouldContain("id=\"go-console\"");
    }

    [Fact]
    public async Task AnotherDistrictsRecords_AreTheNotFoundPage_WithStatus404()
    {
        var dpo = await app.SignInAsync("dpo");
        var elsewhere = app.Demo("dpo2").Unit;

        var (status, html) = await BrowseAsync(dpo, $"/console/dashboard/{elsewhere}/records?metric=service_requests_received&from={Today}&to={Today}");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("id=\"not-found-page\"");
        html.ShouldContain("id=\"go-console\"");
    }

    [Fact]
    public async Task OwnDistrictsDashboard_AnswersOk()
    {
        var dpo = await app.SignInAsync("dpo");

        var (status, html) = await BrowseAsync(dpo, $"/console/dashboard/{app.Demo("dpo").Unit}");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("id=\"dashboard-page\"");
        html.ShouldNotContain("id=\"not-found-page\"");
    }

    [Fact]
    public async Task AnApplicationOutsideTheJurisdiction_IsTheNotFoundPage_WithStatus404_WhileOneInsideOpens()
    {
        var anonymous = app.CreateClient();
        var inside = await ServiceCentreFixtures.SubmitAsync(anonymous, ServiceCentreFixtures.Application(ServiceCentreFixtures.NewCnic(), unit: app.Demo("frontdesk").Unit));
        var outside = await ServiceCentreFixtures.SubmitAsync(anonymous, ServiceCentreFixtures.Application(ServiceCentreFixtures.NewCnic(), unit: app.Demo("frontdesk2").Unit));
        var frontDesk = await app.SignInAsync("frontdesk");

        var (outsideStatus, outsideHtml) = await BrowseAsync(frontDesk, $"/console/applications/{outside.GetProperty("reference").GetString()}");
        var (insideStatus, insideHtml) = await BrowseAsync(frontDesk, $"/console/applications/{inside.GetProperty("reference").GetString()}");

        outsideStatus.ShouldBe(HttpStatusCode.NotFound);
        outsideHtml.ShouldContain("id=\"not-found-page\"");
        insideStatus.ShouldBe(HttpStatusCode.OK);
        insideHtml.ShouldContain("id=\"application-detail\"");
        insideHtml.ShouldNotContain("id=\"not-found-page\"");
    }

    [Theory]
    [InlineData("PKM-XXX-26-000000-Z")]
    [InlineData("not-a-reference")]
    public async Task AnApplicationThatIsNoReference_IsTheNotFoundPage_WithStatus404(string reference)
    {
        var frontDesk = await app.SignInAsync("frontdesk");

        var (status, html) = await BrowseAsync(frontDesk, $"/console/applications/{reference}");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("id=\"not-found-page\"");
    }

    [Fact]
    public async Task AnUnknownComplaintAgainstPolice_IsTheNotFoundPage_WithStatus404()
    {
        var centre = await app.SignInAsync("centre");

        var (status, html) = await BrowseAsync(centre, "/console/police-complaints/NO-SUCH-COMPLAINT");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("id=\"not-found-page\"");
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("ur", "صفحہ نہیں ملا")]
    public async Task AnUnknownConsoleAddress_IsTheLocalizedNotFoundPage_WithStatus404(string language, string title)
    {
        var dpo = await app.SignInAsync("dpo");

        var (status, html) = await BrowseAsync(dpo, "/console/no-such-page", language);

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain(title);
        html.ShouldContain("id=\"go-home\"");
        html.ShouldContain("id=\"go-console\"");
    }
}

public sealed class ConsoleNotFoundTests_Sqlite(SqliteApp app) : ConsoleNotFoundTests(app);
public sealed class ConsoleNotFoundTests_Postgres(PostgresApp app) : ConsoleNotFoundTests(app);
