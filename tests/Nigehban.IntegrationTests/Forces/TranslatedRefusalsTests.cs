using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Forces;

/// <summary>
/// A refusal is told in the reader's language (ADR-040): the API answers in the Accept-Language it
/// was asked in (or the culture cookie the pages set), while what a program reads (status, title,
/// field, the keys of errors) is the same in every language. On the Rwanda pack: en, rw and fr.
/// </summary>
public abstract class TranslatedRefusalsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task TheSameBadApplication_IsRefusedInEachLanguage_NamingTheSameField()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var client = app.CreateClient();
        var sector = app.Demo("frontdesk").Unit;
        var application = new
        {
            serviceCode = "police-clearance",
            unit = sector,
            applicant = new { nationalId = "12345", name = "Test Applicant", phone = "+250788000111" },
        };

        var english = await RefusedAsync(client, "en", application);
        var kinyarwanda = await RefusedAsync(client, "rw", application);
        var french = await RefusedAsync(client, "fr-FR,fr;q=0.9", application);

        english.Detail.ShouldBe("A National ID looks like 1 1990 8 0012345 0 12.");
        kinyarwanda.Detail.ShouldBe("Indangamuntu yandikwa gutya: 1 1990 8 0012345 0 12.");
        french.Detail.ShouldBe("Carte d'identité nationale : le numéro s'écrit ainsi : 1 1990 8 0012345 0 12.");
        foreach (var refusal in new[] { english, kinyarwanda, french })
        {
            refusal.Field.ShouldBe("applicant.nationalId");
            refusal.ErrorKeys.ShouldBe(["applicant.nationalId"]);
            refusal.ErrorTexts.ShouldBe([refusal.Detail]);
            refusal.Title.ShouldBe("Invalid input");
        }
    }

    [Fact]
    public async Task PlatformAndModuleRefusals_FollowTheLanguage_OfTheHeaderOrTheCultureCookie()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var client = app.CreateClient();

        // A module's handler, the status-code pages (outside request localization) and a binding failure.
        (await ProblemAsync(client, "/api/v1/units/NOPE", "fr")).ShouldBe(("code", "Aucune unité n'a le code 'NOPE'."));
        (await ProblemAsync(client, "/api/v1/no-such-thing", "rw")).Detail.ShouldBe("Nta kintu kiri kuri iyi aderesi.");
        (await ProblemAsync(client, "/api/v1/units/NOPE", "en")).ShouldBe(("code", "No unit has the code 'NOPE'."));

        // The pages' culture cookie speaks for a browser that calls the API.
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units/NOPE");
        withCookie.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Drw%7Cuic%3Drw");
        var response = await client.SendAsync(withCookie, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe("Nta rwego rufite kode 'NOPE'.");
    }

    [Fact]
    public async Task StaffRefusals_AndValidationMessages_AreTranslated_ForTheSameFields()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var admin = await app.SignInAsync("admin");
        var account = new { userName = "short-password", displayName = "Test Officer", unitCode = app.Demo("frontdesk").Unit, roles = new[] { "FrontDesk" }, password = "too-short" };

        var french = await SendAsync(admin, HttpMethod.Post, "/api/v1/staff", "fr", account);
        var kinyarwanda = await SendAsync(admin, HttpMethod.Post, "/api/v1/staff", "rw", account);
        var paged = await SendAsync(admin, HttpMethod.Get, "/api/v1/staff?page=0", "fr", null);

        french.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Messages(await french.Content.ReadFromJsonAsync<JsonElement>(Ct), "password").ShouldBe(["Un mot de passe compte au moins 12 caractères."]);
        Messages(await kinyarwanda.Content.ReadFromJsonAsync<JsonElement>(Ct), "password").ShouldBe(["Ijambo ry'ibanga rigira nibura inyuguti 12."]);
        paged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Messages(await paged.Content.ReadFromJsonAsync<JsonElement>(Ct), "page").ShouldBe(["'page' commence à 1."]);
    }

    private static string[] Messages(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string language, object? body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<(string? Field, string? Detail)> ProblemAsync(HttpClient client, string url, string language)
    {
        var response = await SendAsync(client, HttpMethod.Get, url, language, null);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        return (problem.TryGetProperty("field", out var field) ? field.GetString() : null, problem.GetProperty("detail").GetString());
    }

    private static async Task<Refusal> RefusedAsync(HttpClient client, string language, object application)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(application) };
        request.Headers.AcceptLanguage.Clear();
        foreach (var part in language.Split(','))
        {
            request.Headers.AcceptLanguage.Add(StringWithQualityHeaderValue.Parse(part));
        }

        var response = await client.SendAsync(request, Ct);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        return new Refusal(
            problem.GetProperty("title").GetString(),
            problem.GetProperty("field").GetString(),
            problem.GetProperty("detail").GetString(),
            [.. errors.EnumerateObject().Select(e => e.Name)],
            [.. errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.GetString())]);
    }

    private sealed record Refusal(string? Title, string? Field, string? Detail, string[] ErrorKeys, string?[] ErrorTexts);
}

public sealed class TranslatedRefusalsTests_Sqlite : TranslatedRefusalsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class TranslatedRefusalsTests_Postgres : TranslatedRefusalsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
