using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.StaffConsole;

public sealed class ApplicationProcessingTests(BrowserApp app)
{
    [Fact]
    public async Task CitizenAppliesOnThePortal_DeskAndShoProcess_AndTheCertificatesQrVerifiesAsValid()
    {
        // A citizen applies on the portal, in a browser of their own.
        var station = app.Demo("frontdesk").Unit;
        var name = ServiceCentreCitizen.NewName();
        var nationalId = ServiceCentreCitizen.NewCnic();
        var citizen = await app.NewPageAsync();
        var reference = await PortalApplicant.ApplyForCharacterCertificateAsync(citizen, station, nationalId, name);
        var deskAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var shoAccount = await app.CreateStaffAsync(Roles.Sho, station);

        // The front desk finds the application in the queue by its reference and opens it.
        var desk = await app.NewPageAsync();
        await SignIn.AsAsync(desk, deskAccount.UserName, deskAccount.Password, deskAccount.TotpSecret);
        await desk.Locator(".console-nav a[href='/console/applications']").ClickAsync();
        await Expect(desk.Locator("#applications-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desk.Locator("#applications-grid a[data-testid='application-link']").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(desk, "console-applications.png");
        await desk.Locator("#queue-search").FillAsync(reference);
        var row = desk.Locator($"#applications-grid a[data-reference='{reference}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(desk.Locator("#applications-grid tbody tr")).ToHaveCountAsync(1);
        await row.ClickAsync();

        await desk.WaitForURLAsync($"**/console/applications/{reference}");
        var detail = desk.Locator("#application-detail");
        await Expect(detail).ToHaveAttributeAsync("data-status", "Submitted");
        await Expect(desk.Locator("#applicant-name")).ToHaveTextAsync(name);
        await Expect(desk.Locator("#documents li.document-supplied")).ToHaveCountAsync(2);

        // The desk sees what it checks: each upload opens in a new tab through the API's audited read.
        var open = desk.Locator("#documents li[data-document='national-id-copy'] a.document-open");
        await Expect(open).ToHaveAttributeAsync("target", "_blank");
        var uploaded = await desk.APIRequest.GetAsync((await open.GetAttributeAsync("href"))!);
        uploaded.Status.ShouldBe(200);
        uploaded.Headers["content-type"].ShouldBeOneOf("application/pdf", "image/jpeg", "image/png");
        await Expect(desk.Locator("#fee-unpaid")).ToBeVisibleAsync();

        await desk.Locator("[data-testid='action-DocumentsChecked']").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-status", "DocumentsChecked");
        await desk.Locator("[data-testid='action-RecordChecked']").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-status", "RecordChecked");
        await Expect(desk.Locator("#record-check")).ToHaveAttributeAsync("data-hit", "false");

        // Approval is not the front desk's: no button offers it, and the page says whose it is.
        await Expect(desk.Locator("[data-testid='action-Approved']")).ToHaveCountAsync(0);
        await Expect(desk.Locator("#no-actions")).ToContainTextAsync("Station house officer");

        // The SHO, in a browser of their own, approves.
        var sho = await app.NewPageAsync();
        await SignIn.AsAsync(sho, shoAccount.UserName, shoAccount.Password, shoAccount.TotpSecret);
        await sho.GotoAsync($"/console/applications/{reference}");
        var shoDetail = sho.Locator("#application-detail");
        await Expect(shoDetail).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(shoDetail).ToHaveAttributeAsync("data-status", "RecordChecked");
        await Expect(sho.Locator("#timeline .timeline-step")).ToHaveCountAsync(3);
        await Expect(sho.Locator("[data-testid='action-Rejected']")).ToBeVisibleAsync();
        await sho.Locator("[data-testid='action-Approved']").ClickAsync();
        await Expect(shoDetail).ToHaveAttributeAsync("data-status", "Approved");
        // Taking the fee and issuing are the desk's: the SHO is offered neither, and told whose they are.
        await Expect(sho.Locator("#no-actions")).ToContainTextAsync("Front desk officer");
        await Expect(sho.Locator("[data-testid='record-payment']")).ToHaveCountAsync(0);

        // Back at the desk: the fee in cash, then the document is issued.
        await desk.ReloadAsync();
        await Expect(detail).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(detail).ToHaveAttributeAsync("data-status", "Approved");
        await desk.Locator("[data-testid='record-payment']").ClickAsync();
        await Expect(desk.Locator("#payment-amount")).ToContainTextAsync("500");
        await desk.Locator("[data-testid='payment-confirm']").ClickAsync();
        await Expect(desk.Locator("#fee-paid")).ToBeVisibleAsync();

        await desk.Locator("[data-testid='action-Issued']").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-status", "Issued");
        await Expect(desk.Locator("#application-status")).ToContainTextAsync("Issued");
        var download = desk.Locator("#download-document");
        await Expect(download).ToBeVisibleAsync();
        // Issued from the console's circuit, where there is no HttpContext: still the officer's name.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
            scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test");
            (await db.Set<IssuedDocument>().AsNoTracking().Where(d => d.ServiceRequestReference == reference).Select(d => d.IssuedBy).SingleAsync(TestContext.Current.CancellationToken))
                .ShouldBe(deskAccount.UserName);
        }

        // The link is the API's, and the console's cookie is enough to fetch the PDF.
        var href = await download.GetAttributeAsync("href");
        href.ShouldBe($"/api/v1/service-requests/{reference}/document");
        var pdf = await desk.APIRequest.GetAsync(href!);
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldStartWith("application/pdf");
        var pdfBytes = await pdf.BodyAsync();
        pdfBytes.Take(5).ShouldBe("%PDF-"u8.ToArray());

        // The QR on the printed certificate, scanned by a citizen's phone, opens the public verify page.
        var scanned = await QrFromPdf.DecodeAsync(pdfBytes);
        scanned.ShouldStartWith(app.BaseAddress.ToString().TrimEnd('/') + "/verify/");
        await citizen.GotoAsync(scanned);
        await Expect(citizen.Locator("#verdict")).ToHaveAttributeAsync("data-status", "valid");
    }

    [Fact]
    public async Task RecordCheckHit_IsShownToTheApprovingOfficer_WithItsReason()
    {
        // The first demo person is wanted (SeedDemoRecords); applying under their national ID must raise the alarm.
        var station = app.Demo("frontdesk").Unit;
        var force = app.Services.GetRequiredService<ForcePack>();
        var wanted = SeedDemoRecords.People[0];
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(
            app, station, wanted.Name, SeedDemoRecords.DemoNationalId(force.NationalId, 0), wanted.ParentName);
        var shoAccount = await app.CreateStaffAsync(Roles.Sho, station);
        var deskAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);

        // The SHO is not offered the desk's checks: rejecting is theirs, checking documents is not.
        var sho = await app.NewPageAsync();
        await SignIn.AsAsync(sho, shoAccount.UserName, shoAccount.Password, shoAccount.TotpSecret);
        await sho.GotoAsync($"/console/applications/{reference}");
        var detail = sho.Locator("#application-detail");
        await Expect(detail).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(detail).ToHaveAttributeAsync("data-status", "Submitted");
        await Expect(sho.Locator("#record-check")).ToHaveCountAsync(0);
        await Expect(sho.Locator("[data-testid='action-Rejected']")).ToBeVisibleAsync();
        await Expect(sho.Locator("[data-testid='action-DocumentsChecked']")).ToHaveCountAsync(0);

        // The desk checks the documents and runs the record check.
        var desk = await app.NewPageAsync();
        await SignIn.AsAsync(desk, deskAccount.UserName, deskAccount.Password, deskAccount.TotpSecret);
        await desk.GotoAsync($"/console/applications/{reference}");
        var deskDetail = desk.Locator("#application-detail");
        await Expect(deskDetail).ToHaveAttributeAsync("data-interactive", "true");
        await desk.Locator("[data-testid='action-DocumentsChecked']").ClickAsync();
        await Expect(deskDetail).ToHaveAttributeAsync("data-status", "DocumentsChecked");
        await desk.Locator("[data-testid='action-RecordChecked']").ClickAsync();
        await Expect(deskDetail).ToHaveAttributeAsync("data-status", "RecordChecked");

        await sho.ReloadAsync();
        await Expect(detail).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(detail).ToHaveAttributeAsync("data-status", "RecordChecked");

        var alert = sho.Locator("#record-check");
        await Expect(alert).ToHaveAttributeAsync("data-hit", "true");
        await Expect(alert).ToContainTextAsync(wanted.Reason);
        await Expect(alert).ToContainTextAsync("national ID");
        await Expect(sho.Locator("[data-testid='action-Approved']")).ToBeVisibleAsync();
        await Expect(sho.Locator("[data-testid='action-Rejected']")).ToBeVisibleAsync();

        // The picture for the README: without the confirmations still floating over the page.
        await Expect(sho.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(sho, "console-application.png");
    }

    [Fact]
    public async Task ApplicationDetail_OfUnknownReference_SaysNotFound()
    {
        var station = app.Demo("frontdesk").Unit;
        var deskAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, deskAccount.UserName, deskAccount.Password, deskAccount.TotpSecret);

        var response = await page.GotoAsync("/console/applications/PKM-XXX-26-000000-Z");

        response!.Status.ShouldBe(404);
        await Expect(page.Locator("#not-found-page h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("#go-console")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OpenDetailPage_FollowsWhatAnotherOfficerDoes_WithoutAReload()
    {
        var station = app.Demo("frontdesk").Unit;
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName(), ServiceCentreCitizen.NewCnic(), "Test Father");
        var watcherAccount = await app.CreateStaffAsync(Roles.Sho, station);
        var actorAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);

        var watcher = await app.NewPageAsync();
        await SignIn.AsAsync(watcher, watcherAccount.UserName, watcherAccount.Password, watcherAccount.TotpSecret);
        await watcher.GotoAsync($"/console/applications/{reference}");
        var watched = watcher.Locator("#application-detail");
        await Expect(watched).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(watched).ToHaveAttributeAsync("data-status", "Submitted");
        var stepsBefore = await watcher.Locator("#timeline .timeline-step").CountAsync();

        var actor = await app.NewPageAsync();
        await SignIn.AsAsync(actor, actorAccount.UserName, actorAccount.Password, actorAccount.TotpSecret);
        await actor.GotoAsync($"/console/applications/{reference}");
        await Expect(actor.Locator("#application-detail")).ToHaveAttributeAsync("data-interactive", "true");
        await actor.Locator("[data-testid='action-DocumentsChecked']").ClickAsync();
        await Expect(actor.Locator("#application-detail")).ToHaveAttributeAsync("data-status", "DocumentsChecked");

        // The watcher's page checks every 10 seconds; it must follow without being reloaded.
        await Expect(watched).ToHaveAttributeAsync("data-status", "DocumentsChecked", new() { Timeout = 25_000 });
        await Expect(watcher.Locator("#timeline .timeline-step")).ToHaveCountAsync(stepsBefore + 1);
    }
}
