using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Portal;

/// <summary>The tracking page says what arrived, asks for a document only while one is missing, and tells its story in a citizen's words.</summary>
public sealed class TrackingPageTests(BrowserApp app)
{
    [Fact]
    public async Task Tracking_SaysWhichDocumentsArrived_OffersAnUploadOnlyWhileOneIsMissing_AndNamesPaymentsAndUploads()
    {
        var station = app.Demo("frontdesk").Unit;
        var nationalId = ServiceCentreCitizen.NewCnic();
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName(), nationalId, withDocuments: false);
        using var citizen = new HttpClient { BaseAddress = app.BaseAddress };
        await ServiceCentreCitizen.UploadAsync(citizen, reference, nationalId, "photo", ServiceCentreCitizen.SmallPng, "photo.png", "image/png");

        var page = await app.NewPageAsync();
        await TrackAsync(page, reference, nationalId);
        await Expect(page.Locator("#documents li[data-document='photo']")).ToHaveAttributeAsync("data-received", "true");
        await Expect(page.Locator("#documents li[data-document='national-id-copy']")).ToHaveAttributeAsync("data-received", "false");
        await Expect(page.Locator("#documents li[data-document='national-id-copy']")).ToContainTextAsync("Copy of CNIC");
        var timeline = page.Locator("ol.timeline");
        await Expect(timeline).ToContainTextAsync("Applied online");
        await Expect(timeline).Not.ToContainTextAsync("Submitted via");
        await Expect(timeline).ToContainTextAsync("Document received: Recent photograph");
        // Only the missing document is offered.
        await Expect(page.Locator("form.upload-form #documentCode option")).ToHaveCountAsync(1);
        await Expect(page.Locator("form.upload-form #documentCode option")).ToHaveAttributeAsync("value", "national-id-copy");

        await ServiceCentreCitizen.UploadAsync(citizen, reference, nationalId, "national-id-copy", ServiceCentreCitizen.SmallPdf, "cnic.pdf", "application/pdf");
        using var desk = await DeskAsync(station);
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await TrackAsync(page, reference, nationalId);
        await Expect(page.Locator("#documents li[data-received='true']")).ToHaveCountAsync(2);
        await Expect(timeline).ToContainTextAsync("Document received: Copy of CNIC");
        await Expect(timeline).ToContainTextAsync("Fee paid");
        await Expect(page.Locator("form.upload-form")).ToHaveCountAsync(0);
    }

    private static async Task TrackAsync(Microsoft.Playwright.IPage page, string reference, string nationalId)
    {
        await page.GotoAsync("/track");
        await page.Locator("#reference").FillAsync(reference);
        await page.Locator("#nationalId").FillAsync(nationalId);
        await page.Locator("form.track-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#status")).ToBeVisibleAsync();
    }

    private async Task<HttpClient> DeskAsync(string station)
    {
        var account = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = account.UserName, password = account.Password, otp = BrowserApp.CurrentOtp(account.TotpSecret) }, TestContext.Current.CancellationToken);
        token.EnsureSuccessStatusCode();
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
