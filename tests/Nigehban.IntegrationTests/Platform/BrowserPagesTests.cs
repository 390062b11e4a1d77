using System.Net;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Browsers get pages, clients get JSON: the same unknown address answers each in its own kind (ADR-035).</summary>
public abstract class BrowserPagesTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string path, string accept, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await app.CreateClient().SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("/no-such-page", "en", "Page not found")]
    [InlineData("/no-such-page", "ur", "صفحہ نہیں ملا")]
    [InlineData("/queue/LHR", "en", "Page not found")]
    public async Task UnknownPage_InABrowser_IsALocalizedHtmlPage_WithAWayHome(string path, string language, string title)
    {
        var response = await GetAsync(path, "text/html,application/xhtml+xml,*/*;q=0.8", language);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        // Blazor writes characters outside Latin as character references.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        html.ShouldContain(title);
        html.ShouldContain("id=\"go-home\"");
        html.ShouldContain("portal-header");
    }

    [Theory]
    [InlineData("/no-such-page", "application/json")]
    [InlineData("/api/v1/no-such-thing", "text/html")]
    public async Task UnknownAddress_ForAClient_OrUnderTheApi_IsProblemDetails(string path, string accept)
    {
        var response = await GetAsync(path, accept);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}

public sealed class BrowserPagesTests_Sqlite(SqliteApp app) : BrowserPagesTests(app);
public sealed class BrowserPagesTests_Postgres(PostgresApp app) : BrowserPagesTests(app);
