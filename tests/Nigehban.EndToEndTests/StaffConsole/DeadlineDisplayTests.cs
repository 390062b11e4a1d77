using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.StaffConsole;

/// <summary>A deadline reads the same to the citizen tracking an application and to the officer working it (ADR-034).</summary>
public sealed class DeadlineDisplayTests(BrowserApp app)
{
    [Fact]
    public async Task TheDeadline_ReadsTheSame_OnTheCitizensTrackingPage_AndInTheConsole()
    {
        var station = app.Demo("frontdesk").Unit;
        var nationalId = ServiceCentreCitizen.NewCnic();
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName(), nationalId);

        var citizen = await app.NewPageAsync();
        await citizen.GotoAsync("/track");
        await citizen.Locator("#reference").FillAsync(reference);
        await citizen.Locator("#nationalId").FillAsync(nationalId);
        await citizen.Locator("form.track-form button[type=submit]").ClickAsync();
        await Expect(citizen.Locator("#due-at")).ToBeVisibleAsync();
        var toldTheCitizen = (await citizen.Locator("#due-at").InnerTextAsync()).Trim();

        var account = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var desk = await app.NewPageAsync();
        await SignIn.AsAsync(desk, account.UserName, account.Password, account.TotpSecret);
        await desk.GotoAsync($"/console/applications/{reference}");
        await Expect(desk.Locator("#application-detail")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desk.Locator("#due-at")).ToBeVisibleAsync();
        var toldTheDesk = (await desk.Locator("#due-at").InnerTextAsync()).Trim();

        // A character certificate's deadline is in working days: it ends with a day, named as that day, not as the midnight after it.
        toldTheCitizen.ShouldStartWith("By the end of ");
        toldTheDesk.ShouldBe(toldTheCitizen);
    }
}
