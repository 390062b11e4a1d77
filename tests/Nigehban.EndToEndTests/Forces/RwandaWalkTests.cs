using System.Collections;
using System.Globalization;
using System.Net.Http.Json;
using System.Resources;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Components.Localization;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Forces;

/// <summary>
/// A citizen and an officer walk the Rwanda pack in each of its languages. On every page: no word of
/// the Punjab pack, and in Kinyarwanda and French no sentence left in English (any English text of
/// the app's resources whose translation differs). With NIGEHBAN_SCREENSHOTS set, each page is saved
/// as a picture to look at.
/// </summary>
public sealed class RwandaWalkTests(RwandaBrowserApp app) : IClassFixture<RwandaBrowserApp>
{
    private static readonly string[] PunjabWords = ["Punjab", "PKM-", "PKR", "CNIC", "Lahore", "Khidmat", "father's name"];

    [Theory]
    [InlineData("en")]
    [InlineData("rw")]
    [InlineData("fr")]
    public async Task ACitizen_ReadsEveryPortalPage_InTheChosenLanguage(string language)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/culture/{language}?returnUrl=%2F");
        await CheckAsync(page, language, "home");
        foreach (var (path, name) in new[]
        {
            ("/services", "services"), ("/services/police-clearance/apply", "apply"), ("/track", "track"),
            ("/verify", "verify"), ("/stations", "stations"), ("/service-delivery", "service-delivery"),
        })
        {
            await page.GotoAsync(path);
            await CheckAsync(page, language, name);
        }

        await page.GotoAsync("/services/lost-document-report/apply");
        await page.Locator("#nationalId").FillAsync("1 1990 8 0012345 0 12");
        await page.Locator("#name").FillAsync("Test Applicant");
        await page.Locator("#phone").FillAsync("+250 788 000 111");
        await page.Locator("#unit").SelectOptionAsync(app.Demo("frontdesk").Unit);
        await page.Locator("form.apply-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reference")).ToBeVisibleAsync();
        await CheckAsync(page, language, "applied");
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();

        await page.GotoAsync("/track");
        await page.Locator("#reference").FillAsync(reference);
        await page.Locator("#nationalId").FillAsync("1 1990 8 0012345 0 12");
        await page.Locator("form.track-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(reference);
        await CheckAsync(page, language, "tracked");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("rw")]
    [InlineData("fr")]
    public async Task AnOfficer_ReadsEveryConsolePage_InTheChosenLanguage(string language)
    {
        var root = app.Services.GetRequiredService<Nigehban.Web.Platform.Forces.ForcePack>().Units[0].Code;
        var officer = await app.CreateStaffWithRolesAsync(root, Roles.Administrator, Roles.Ig, Roles.Sho, Roles.FrontDesk);
        var reference = await SubmitAsync(language);
        var complaint = await FileComplaintAsync(language);
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/culture/{language}?returnUrl=%2Flogin");
        await CheckAsync(page, language, "login");
        await SignIn.AsAsync(page, officer.UserName, officer.Password, officer.TotpSecret);
        await CheckAsync(page, language, "console");
        foreach (var (path, name) in new[]
        {
            ("/console/applications", "applications"), ("/console/counter", "counter"), ("/console/dashboard", "dashboard"),
            ("/console/staff", "staff"), ("/console/staff/new", "staff-new"), ($"/console/applications/{reference}", "application"),
            ("/console/front-desk/visitors", "visitor-log"), ("/console/front-desk/complaints/new", "desk-complaint"), ("/console/front-desk/today", "desk-today"),
            ("/console/complaints", "complaints"), ("/console/complaints/board", "station-board"), ($"/console/complaints/{complaint}", "complaint"),
            ("/console/firs", "firs"), ("/console/firs/new", "fir-new"),
        })
        {
            await page.GotoAsync(path);
            // The layout and the page each mark themselves interactive; the layout's mark is on every console page.
            await Expect(page.Locator(".console-root")).ToHaveAttributeAsync("data-interactive", "true");
            await CheckAsync(page, language, name);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("rw")]
    [InlineData("fr")]
    public async Task AnOfficer_ReadsTheCaseProtectionAndRecordsPages_InTheChosenLanguage(string language)
    {
        var root = app.Services.GetRequiredService<Nigehban.Web.Platform.Forces.ForcePack>().Units[0].Code;
        var officer = await app.CreateStaffWithRolesAsync(root, Roles.Ig, Roles.Dpo, Roles.Sho, Roles.InvestigatingOfficer,
            Roles.ProtectionOfficer, Roles.ComplaintCentreOfficer);
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/culture/{language}?returnUrl=%2Flogin");
        await SignIn.AsAsync(page, officer.UserName, officer.Password, officer.TotpSecret);
        foreach (var (path, name) in new[]
        {
            ("/console/cases", "cases"), ("/console/cases/board", "cases-board"), ("/console/cases/district", "cases-district"),
            ("/console/wanted", "wanted"), ("/console/persons", "persons"), ("/console/registration-alerts", "registration-alerts"), ("/console/stolen-vehicles", "stolen-vehicles"),
            ("/console/police-complaints", "police-complaints"), ("/console/protection", "protection"),
            ("/console/protection/new", "protection-new"),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(".console-root")).ToHaveAttributeAsync("data-interactive", "true");
            await CheckAsync(page, language, name);
        }
    }

    /// <summary>An application taken online in the language, for the officer to open.</summary>
    private async Task<string> SubmitAsync(string language)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/service-requests", new
        {
            serviceCode = "lost-document-report",
            unit = app.Demo("frontdesk").Unit,
            language,
            applicant = new { nationalId = "1 1990 8 0012345 0 12", name = "Test Applicant", phone = "+250788000111" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    /// <summary>A complaint filed online at a station in the language, for the officer's complaint page.</summary>
    private async Task<string> FileComplaintAsync(string language)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/complaints", new
        {
            unit = app.Demo("frontdesk").Unit,
            category = "theft",
            description = "A generated test complaint for the walk.",
            incidentAt = DateTimeOffset.UtcNow.AddHours(-2),
            language,
            complainant = new { name = "Test Complainant", phone = "+250788000222" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private static async Task CheckAsync(IPage page, string language, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Screenshots.SaveAsync(page, $"rwanda-walk-{language}-{name}.png");
        var text = await page.Locator("body").InnerTextAsync();
        await SaveTextAsync($"rwanda-walk-{language}-{name}.txt", text);

        PunjabWords.Where(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty($"{name} in {language}");
        // Texts the system wrote in English into a record, and a brace left over in markup.
        text.ShouldNotContain("Submitted via", Case.Sensitive, $"{name} in {language}");
        text.ShouldNotContain("citizen (online)", Case.Sensitive, $"{name} in {language}");
        text.Split('\n').ShouldNotContain(line => line.Trim() == "{" || line.Trim() == "}", $"{name} in {language}");
        if (language != "en")
        {
            EnglishOnly(language).Where(english => text.Contains(english, StringComparison.Ordinal))
                .ShouldBeEmpty($"{name} in {language} shows English");
        }
    }

    private static async Task SaveTextAsync(string fileName, string text)
    {
        var folder = Environment.GetEnvironmentVariable("NIGEHBAN_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, fileName), text);
        }
    }

    /// <summary>The app's English sentences (no placeholder, two words or more) that the language translates differently.</summary>
    private static List<string> EnglishOnly(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var sentences = new List<string>();
        foreach (var family in typeof(UiText).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)))
        {
            var resources = new ResourceManager(family[..^".resources".Length], typeof(UiText).Assembly);
            var english = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
            foreach (DictionaryEntry entry in english!)
            {
                if (entry.Value is string text && text.Length >= 12 && text.Contains(' ', StringComparison.Ordinal) && !text.Contains('{', StringComparison.Ordinal)
                    && resources.GetString((string)entry.Key, culture) is { } translated && translated != text)
                {
                    sentences.Add(text);
                }
            }
        }

        return sentences;
    }
}
