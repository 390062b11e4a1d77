using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Cases;

/// <summary>
/// Issue 17's investigation in the browser: an FIR registered from a complaint reaches its IO's case
/// list; on the case page the IO writes the diary, records an arrest and a recovery of narcotics and
/// submits the challan; the SHO finds it on the station board under its new stage and hands it to
/// another IO with a reason. Every page is audited
/// for accessibility as it opens.
/// </summary>
public sealed class InvestigationFlowTests(BrowserApp app)
{
    [Fact]
    public async Task TheIo_WorksTheCaseFromHisList_AndTheShosBoardCountsItsStage()
    {
        var station = app.Demo("frontdesk").Unit;
        var citizen = await app.NewPageAsync(javaScriptEnabled: false);
        await citizen.GotoAsync("/complaints/new");
        await citizen.Locator("#unit").SelectOptionAsync(station);
        await citizen.Locator("#category").SelectOptionAsync("theft");
        await citizen.Locator("#description").FillAsync("Generated test complaint: charas was being sold near the school gate.");
        await citizen.Locator("#incidentAt").FillAsync(DateTime.UtcNow.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await citizen.Locator("#location").FillAsync("Test School Road");
        await citizen.Locator("#name").FillAsync("Generated Complainant Case");
        await citizen.Locator("#phone").FillAsync("+92302" + Random.Shared.Next(1000000, 9999999));
        await citizen.Locator("#file").ClickAsync();
        await Expect(citizen.Locator("#reference")).ToBeVisibleAsync();
        var reference = (await citizen.Locator("#reference").InnerTextAsync()).Trim();

        var ioAccount = await app.CreateStaffAsync(Roles.InvestigatingOfficer, station);
        var deskAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var desk = await app.NewPageAsync();
        await SignIn.AsAsync(desk, deskAccount.UserName, deskAccount.Password, deskAccount.TotpSecret);
        await desk.GotoAsync("/console/firs/new");
        await Expect(desk.Locator("#register-fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await desk.Locator("#reg-complaint").FillAsync(reference);
        await desk.Locator("#reg-offences").FillAsync("CNSA 9(c)");
        await desk.Locator("#reg-officer").FillAsync(ioAccount.UserName);
        await desk.Locator("#reg-accused-unknown").CheckAsync();
        await desk.Locator("#reg-accused-description").FillAsync("A man in a grey shawl");
        await desk.Locator("#reg-submit").ClickAsync();
        await Expect(desk.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");

        var io = await app.NewPageAsync();
        await SignIn.AsAsync(io, ioAccount.UserName, ioAccount.Password, ioAccount.TotpSecret);
        await io.GotoAsync("/console/cases");
        await Expect(io.Locator("#cases-page")).ToHaveAttributeAsync("data-interactive", "true");
        await io.Locator($"[data-testid='case-link'][data-reference='{reference}']").ClickAsync();
        await Expect(io.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(io.Locator("#case-stage")).ToHaveAttributeAsync("data-stage", "UnderInvestigation");

        await io.Locator("#diary-text").FillAsync("Raided the place of occurrence with two constables; one person detained.");
        await io.Locator("#diary-submit").ClickAsync();
        await Expect(io.Locator("#case-diary li")).ToHaveCountAsync(1);
        await io.Locator("#arrest-person").FillAsync("Generated Accused Case");
        await io.Locator("#arrest-submit").ClickAsync();
        await Expect(io.Locator("#case-arrests tbody tr")).ToHaveCountAsync(1);
        await io.Locator("#recovery-kind").SelectOptionAsync("Narcotics");
        await io.Locator("#recovery-description").FillAsync("Charas in a plastic bag");
        await io.Locator("#recovery-submit").ClickAsync();
        await Expect(io.Locator("#case-refusal")).ToBeVisibleAsync(); // narcotics without a quantity are refused, and said so
        await io.Locator("#recovery-kind").SelectOptionAsync("Narcotics");
        await io.Locator("#recovery-description").FillAsync("Charas in a plastic bag");
        await io.Locator("#recovery-quantity").FillAsync("1.2");
        await io.Locator("#recovery-unit").SelectOptionAsync("kg");
        await io.Locator("#recovery-submit").ClickAsync();
        await Expect(io.Locator("#case-recoveries tbody tr")).ToHaveCountAsync(1);
        await io.Locator("#stage-to").SelectOptionAsync("ChallanSubmitted");
        await io.Locator("#stage-submit").ClickAsync();
        await Expect(io.Locator("#case-stage")).ToHaveAttributeAsync("data-stage", "ChallanSubmitted");
        await Expect(io.Locator("#arrest-form")).ToHaveCountAsync(0);

        var shoAccount = await app.CreateStaffAsync(Roles.Sho, station);
        var sho = await app.NewPageAsync();
        await SignIn.AsAsync(sho, shoAccount.UserName, shoAccount.Password, shoAccount.TotpSecret);
        await sho.GotoAsync("/console/cases/board");
        await Expect(sho.Locator("#case-board-page")).ToHaveAttributeAsync("data-interactive", "true");
        await sho.Locator("#stage-ChallanSubmitted").ClickAsync();
        await sho.Locator($"[data-testid='case-link'][data-reference='{reference}']").ClickAsync();

        // The SHO hands the case to another IO of the station, with a reason the history keeps.
        var nextIo = await app.CreateStaffAsync(Roles.InvestigatingOfficer, station);
        await Expect(sho.Locator("#fir-page")).ToHaveAttributeAsync("data-interactive", "true");
        await sho.Locator("#officer-user").FillAsync(nextIo.UserName);
        await sho.Locator("#officer-reason").FillAsync("The first IO is transferred to another district");
        await sho.Locator("#officer-submit").ClickAsync();
        await Expect(sho.Locator("#case-history")).ToContainTextAsync("The first IO is transferred to another district");
    }
}
