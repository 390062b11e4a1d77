using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Cases;

/// <summary>
/// Issue 17's browser test: a citizen's complaint at the front desk becomes an FIR registered on the
/// console, the complainant's SMS with the FIR number is in the outbox, and the FIR copy's QR code,
/// scanned from the PDF, verifies on the public page. The FIR page is read in Urdu too.
/// </summary>
public sealed class FirFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Complaint_BecomesAnFir_TheComplainantIsTexted_AndTheCopysQrVerifies()
    {
        var station = app.Demo("frontdesk").Unit;
        var phone = "+92301" + Random.Shared.Next(1000000, 9999999);
        var citizen = await app.NewPageAsync(javaScriptEnabled: false);
        await citizen.GotoAsync("/complaints/new");
        await citizen.Locator("#unit").SelectOptionAsync(station);
        await citizen.Locator("#category").SelectOptionAsync("theft");
        await citizen.Locator("#description").FillAsync("Generated test complaint: a motorcycle was taken from outside the market.");
        await citizen.Locator("#incidentAt").FillAsync(DateTime.UtcNow.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await citizen.Locator("#location").FillAsync("Test Market");
        await citizen.Locator("#name").FillAsync("Generated Complainant E2E");
        await citizen.Locator("#phone").FillAsync(phone);
        await citizen.Locator("#file").ClickAsync();
        await Expect(citizen.Locator("#reference")).ToBeVisibleAsync();
        var complaint = (await citizen.Locator("#reference").InnerTextAsync()).Trim();

        var deskAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var desk = await app.NewPageAsync();
        await SignIn.AsAsync(desk, deskAccount.UserName, deskAccount.Password, deskAccount.TotpSecret);
        await desk.GotoAsync("/console/firs");
        await Expect(desk.Locator("#firs-page")).ToHaveAttributeAsync("data-interactive", "true");
        await desk.Locator("#register-fir").ClickAsync();
        await Expect(desk.Locator("#register-fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await desk.Locator("#reg-complaint").FillAsync(complaint);
        await desk.Locator("#reg-offences").FillAsync("PPC 381-A");
        await desk.Locator("#reg-officer").FillAsync("io");
        await desk.Locator("#reg-accused-unknown").CheckAsync();
        await desk.Locator("#reg-accused-description").FillAsync("Two men on foot");
        await desk.Locator("#reg-submit").ClickAsync();

        await Expect(desk.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desk.Locator("#fir-reference")).ToHaveTextAsync(complaint);
        await Expect(desk.Locator("#fir-offences")).ToContainTextAsync("PPC 381-A");
        var title = (await desk.Locator("#fir-title").InnerTextAsync()).Trim();
        title.ShouldMatch(@"^FIR \d+/20\d\d$");
        var firNumber = title["FIR ".Length..];

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test assertion");
            var texts = await scope.ServiceProvider.GetRequiredService<NigehbanDbContext>().Set<OutboxMessage>()
                .Where(m => m.Kind == OutboxKinds.Sms && m.Recipient == phone).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(TestContext.Current.CancellationToken);
            texts.Count.ShouldBe(2);
            texts[1].ShouldContain(firNumber);
            texts[1].ShouldContain("PPC 381-A");
        }

        // The copy's link is the API's, and the console's cookie is enough to fetch the PDF.
        var href = await desk.Locator("#fir-copy").GetAttributeAsync("href");
        var pdf = await desk.APIRequest.GetAsync(href!);
        pdf.Status.ShouldBe(200);
        var scanned = await QrFromPdf.DecodeAsync(await pdf.BodyAsync());
        scanned.ShouldStartWith(app.BaseAddress.ToString().TrimEnd('/') + "/verify/");
        await citizen.GotoAsync(scanned);
        await Expect(citizen.Locator("#verdict")).ToHaveAttributeAsync("data-status", "valid");

        // The same FIR in Urdu, right to left.
        await desk.GotoAsync($"/culture/ur?returnUrl={Uri.EscapeDataString("/console/firs/" + complaint)}");
        await Expect(desk.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(desk.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desk.Locator("#fir-title")).ToContainTextAsync("ایف آئی آر");
        await desk.GotoAsync("/console/firs");
        await Expect(desk.Locator("#firs-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desk.Locator($"[data-reference='{complaint}']")).ToBeVisibleAsync();
    }
}
