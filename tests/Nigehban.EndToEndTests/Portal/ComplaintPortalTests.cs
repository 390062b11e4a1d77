using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>
/// A complaint's whole life, the citizen's side in a browser (issue 16): filed on the portal's
/// form with JavaScript off, assigned by the SHO, the SMS with the officer's phone in the outbox,
/// tracked by the citizen (with the receipt the tracking page links to), disposed by the inquiry
/// officer, and rated on the tracking page.
/// </summary>
public sealed class ComplaintPortalTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complaint_IsFiled_Assigned_Texted_Tracked_Disposed_AndRated()
    {
        var phone = "+92" + Random.Shared.NextInt64(3_000_000_000, 3_999_999_999).ToString(CultureInfo.InvariantCulture);
        var force = app.Services.GetRequiredService<ForcePack>();
        var incident = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-2), force.TimeZone);

        var form = await app.NewPageAsync(javaScriptEnabled: false);
        await form.GotoAsync("/complaints/new");
        await form.Locator("#unit").SelectOptionAsync("LHR-PS01");
        await form.Locator("#category").SelectOptionAsync("theft");
        await form.Locator("#description").FillAsync("A generated test complaint: a phone was taken at the bus stop.");
        await form.Locator("#incidentAt").FillAsync(incident.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await form.Locator("#name").FillAsync("Test Complainant");
        await form.Locator("#phone").FillAsync(phone);
        await form.Locator("#file").ClickAsync();
        await Expect(form.Locator("#reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^CMP-LHR-\\d{2}-\\d{6}-[0-9A-Z]$"));
        var reference = (await form.Locator("#reference").InnerTextAsync()).Trim();

        // Accounts of the test's own: a demo account's TOTP code is accepted once, and another test may sign it in within the same 30 s.
        var shoAccount = await app.CreateStaffAsync(Roles.Sho, "LHR-PS01");
        var ioAccount = await app.CreateStaffAsync(Roles.InvestigatingOfficer, "LHR-PS01");
        var sho = await ApiAsync(shoAccount);
        (await sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/assignment", new { officer = ioAccount.UserName, officerName = "Inspector Test Officer", phone = "+923331112299" }, Ct)).EnsureSuccessStatusCode();
        var texts = await SmsAsync(phone);
        texts.Count.ShouldBe(2);
        texts[1].ShouldContain("923331112299");

        var page = await app.NewPageAsync();
        await page.GotoAsync($"/complaints/track?reference={reference}");
        await page.Locator("#phone").FillAsync(phone);
        await page.Locator("#look-up").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("With an inquiry officer");
        await Expect(page.Locator("#officer")).ToContainTextAsync("Inspector Test Officer");
        await Expect(page.Locator("#rate")).ToHaveCountAsync(0);

        // The receipt, from the tracking page: the link carries a ticket, never the phone.
        var receiptLink = await page.Locator("#receipt-link").GetAttributeAsync("href");
        receiptLink.ShouldNotBeNull();
        receiptLink.ShouldNotContain(phone.TrimStart('+'));
        var receipt = await app.NewPageAsync(javaScriptEnabled: false);
        await receipt.GotoAsync(receiptLink);
        await Expect(receipt.Locator("#receipt-reference")).ToHaveTextAsync(reference);
        await Expect(receipt.Locator("#receipt-officer")).ToHaveTextAsync("Inspector Test Officer");
        await Expect(receipt.Locator("#receipt svg.qr-code")).ToHaveCountAsync(1);
        await Expect(receipt.Locator("#download-receipt")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"^/api/v1/complaints/{reference}/receipt\\?ticket="));

        var io = await ApiAsync(ioAccount);
        (await io.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct)).EnsureSuccessStatusCode();
        (await io.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved", note = "Phone recovered." }, Ct)).EnsureSuccessStatusCode();

        await page.Locator("#look-up").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Decided");
        await Expect(page.Locator("#outcome")).ToContainTextAsync("Resolved");
        await page.Locator("label[for=rating-4]").ClickAsync();
        await page.Locator("#comment").FillAsync("Polite and quick.");
        await page.Locator("#rate").ClickAsync();
        await Expect(page.Locator("#rated")).ToContainTextAsync("4 of 5");
        (await SmsAsync(phone)).Count.ShouldBe(4);
    }

    private async Task<HttpClient> ApiAsync((string UserName, string Password, string TotpSecret) account)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = account.UserName, password = account.Password, otp = BrowserApp.CurrentOtp(account.TotpSecret) }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<List<string>> SmsAsync(string phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test assertion");
        return await scope.ServiceProvider.GetRequiredService<NigehbanDbContext>().Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Sms && m.Recipient == phone).OrderBy(m => m.CreatedAt).Select(m => m.Payload).ToListAsync(Ct);
    }
}
