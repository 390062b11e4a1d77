using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Cases;

/// <summary>
/// Issue 17's proclaimed offenders in the browser: on the case page the IO marks the named accused
/// wanted, records a warrant for him and its execution, and sees him arrested; an accomplice proclaimed
/// too is arrested through the case's arrest form and leaves the wanted list at once; the panel reads the
/// same in Urdu; the station's list of proclaimed offenders shows him among the arrested. Every page
/// is audited for accessibility as it opens.
/// </summary>
public sealed class WantedFlowTests(BrowserApp app)
{
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Karachi).DateTime)
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheIo_MarksTheAccusedWanted_RecordsTheWarrantExecuted_AndThePanelSaysSoInEnglishAndUrdu()
    {
        var station = app.Demo("frontdesk").Unit;
        var ioAccount = await app.CreateStaffAsync(Roles.InvestigatingOfficer, station);
        var absconder = "Generated Absconder " + Guid.NewGuid().ToString("N")[..6];
        var accomplice = "Generated Accomplice " + Guid.NewGuid().ToString("N")[..6];
        var reference = await RegisterFirAsync(station, ioAccount.UserName, absconder, accomplice);

        var io = await app.NewPageAsync();
        await SignIn.AsAsync(io, ioAccount.UserName, ioAccount.Password, ioAccount.TotpSecret);
        await io.GotoAsync($"/console/firs/{reference}");
        await Expect(io.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(io.Locator("#wanted-none")).ToBeVisibleAsync();

        await io.Locator("#proclaim-accused").SelectOptionAsync(new SelectOptionValue { Label = absconder });
        await io.Locator("#proclaim-on").FillAsync(Today);
        await io.Locator("#proclaim-court").FillAsync("Court of the Generated Magistrate");
        await io.Locator("#proclaim-father").FillAsync("Generated Father");
        await io.Locator("#proclaim-submit").ClickAsync();
        await Expect(io.Locator("#wanted-persons tbody tr[data-status='Wanted']")).ToHaveCountAsync(1);
        await io.Locator("#proclaim-accused").SelectOptionAsync(new SelectOptionValue { Label = accomplice });
        await io.Locator("#proclaim-on").FillAsync(Today);
        await io.Locator("#proclaim-court").FillAsync("Court of the Generated Magistrate");
        await io.Locator("#proclaim-submit").ClickAsync();
        await Expect(io.Locator("#wanted-persons tbody tr[data-status='Wanted']")).ToHaveCountAsync(2);

        await io.Locator("#warrant-person").SelectOptionAsync(new SelectOptionValue { Label = absconder });
        await io.Locator("#warrant-issued").FillAsync(Today);
        await io.Locator("#warrant-court").FillAsync("Court of the Generated Magistrate");
        await io.Locator("#warrant-submit").ClickAsync();
        await Expect(io.Locator("#case-warrants tbody tr[data-status='Issued']")).ToHaveCountAsync(1);
        await io.Locator("#close-number").SelectOptionAsync("1");
        await io.Locator("#close-on").FillAsync(Today);
        await io.Locator("#close-text").FillAsync("Generated Constable");
        await io.Locator("#close-submit").ClickAsync();
        await Expect(io.Locator("#case-warrants tbody tr[data-status='Executed']")).ToHaveCountAsync(1);
        await Expect(io.Locator("#wanted-persons tbody tr[data-status='Arrested']")).ToContainTextAsync(absconder);

        // The accomplice is arrested through the case's own arrest form, naming him as the FIR's accused: no longer wanted.
        await io.Locator("#arrest-accused").SelectOptionAsync(new SelectOptionValue { Label = accomplice });
        await io.Locator("#arrest-submit").ClickAsync();
        await Expect(io.Locator("#case-arrests tbody tr")).ToHaveCountAsync(1);
        await Expect(io.Locator("#wanted-persons tbody tr[data-status='Arrested']")).ToHaveCountAsync(2);

        await io.GotoAsync("/console/wanted");
        await Expect(io.Locator("#wanted-page")).ToHaveAttributeAsync("data-interactive", "true");
        await io.Locator("#po-arrested").ClickAsync();
        await Expect(io.Locator("#wanted-grid")).ToContainTextAsync(absconder);

        await io.GotoAsync($"/culture/ur?returnUrl={Uri.EscapeDataString($"/console/firs/{reference}")}");
        await Expect(io.Locator("html")).ToHaveAttributeAsync("lang", "ur");
        await Expect(io.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(io.Locator("#case-wanted-title")).ToHaveTextAsync("اشتہاری ملزمان اور وارنٹ");
        await Expect(io.Locator("#wanted-persons")).ToContainTextAsync("وارنٹ کی تعمیل");
        await Expect(io.Locator("#wanted-persons")).ToContainTextAsync("مقدمے میں گرفتاری");
    }

    /// <summary>An FIR with a named accused, registered over the API by a desk officer of the station.</summary>
    private async Task<string> RegisterFirAsync(string station, string officer, string accused, string accomplice)
    {
        var ct = TestContext.Current.CancellationToken;
        var desk = await app.CreateStaffAsync(Roles.FrontDesk, station);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = desk.UserName, password = desk.Password, otp = BrowserApp.CurrentOtp(desk.TotpSecret) }, ct);
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var fir = await http.PostAsJsonAsync("/api/v1/firs", new
        {
            unit = station,
            offences = new[] { "PPC 392" },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-2),
            place = new { text = "Generated Chowk" },
            narrative = "A generated test report: a phone taken at gunpoint; the accused has since absconded.",
            parties = new object[]
            {
                new { role = "complainant", name = "Generated Complainant", phone = "+92302" + Random.Shared.Next(1000000, 9999999), gender = "male", age = 40 },
                new { role = "accused", name = accused, gender = "male", age = 30 },
                new { role = "accused", name = accomplice, gender = "male", age = 27 },
            },
            investigatingOfficer = officer,
        }, ct);
        var body = await fir.Content.ReadAsStringAsync(ct);
        if (!fir.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"FIR registration failed: {(int)fir.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }
}
