using Microsoft.Extensions.DependencyInjection;
using StationIntake = Nigehban.Web.Features.FrontDesk.FileComplaint;
using Nigehban.Web.Features.PoliceComplaints.SubmitPoliceComplaint;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Accessibility;

/// <summary>
/// Issue 20: every page of the portal and the console, in every language of the pack, passes axe-core's
/// WCAG 2.0/2.1 A and AA rules. (Every other test's pages are audited too, by the assembly's hook; this
/// one walks the pages no other test happens to open, and says on which one a rule broke. Its pages
/// are audited here alone: under a loaded CI the hook's audit and this one queued behind each other
/// on the same document and outlasted the bound. Each page gets a tab of its own, see
/// <see cref="AccessibilityAudit.AuditInOwnTabAsync"/>.)
/// </summary>
public sealed class AccessibilityTests(BrowserApp app)
{
    public static TheoryData<string> Languages => new() { "en", "ur" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task PortalPages_HaveNoWcagViolation(string language)
    {
        var station = app.Demo("frontdesk").Unit;
        var district = DistrictOf(station);
        var page = await app.NewPageAsync(auditedByTheTest: true);
        await UseLanguageAsync(page, language);

        string[] urls =
        [
            "/", "/stations", $"/stations?district={district}", "/services", "/services/character-certificate/apply",
            "/track", "/verify", "/service-delivery", $"/service-delivery/{district}", $"/queue/{station}", "/login",
            "/complaints/new", "/complaints/track",
            "/police-complaints/new", "/police-complaints/track",
        ];
        var findings = new List<AccessibilityFinding>();
        foreach (var url in urls)
        {
            findings.AddRange(await AccessibilityAudit.AuditInOwnTabAsync(page.Context, url));
        }

        findings.ShouldBeEmpty(string.Join(Environment.NewLine, findings));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ConsolePages_HaveNoWcagViolation(string language)
    {
        var station = app.Demo("frontdesk").Unit;
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName());
        var findings = new List<AccessibilityFinding>();

        var desk = await app.CreateStaffAsync(Roles.FrontDesk, station);
        findings.AddRange(await AuditConsoleAsync(language, desk,
            "/console", "/console/applications", $"/console/applications/{reference}", "/console/counter", "/console/firs", "/console/firs/new"));

        var dpo = await app.CreateStaffAsync(Roles.Dpo, DistrictOf(station));
        findings.AddRange(await AuditConsoleAsync(language, dpo, "/console/dashboard", $"/console/dashboard/{station}/records", "/console/cases/district", "/console/wanted"));

        var admin = await app.CreateStaffAsync(Roles.Administrator, app.Demo("admin").Unit);
        findings.AddRange(await AuditConsoleAsync(language, admin, "/console/staff", "/console/staff/new"));

        var complaint = await SubmitPoliceComplaintAsync(station);
        var centre = await app.CreateStaffAsync(Roles.ComplaintCentreOfficer, app.Demo("admin").Unit);
        findings.AddRange(await AuditConsoleAsync(language, centre, "/console/police-complaints", $"/console/police-complaints/{complaint}"));

        var stationComplaint = await FileStationComplaintAsync(station);
        findings.AddRange(await AuditConsoleAsync(language, desk,
            "/console/front-desk/visitors", "/console/front-desk/complaints/new", "/console/front-desk/today"));
        var sho = await app.CreateStaffAsync(Roles.Sho, station);
        findings.AddRange(await AuditConsoleAsync(language, sho, "/console/complaints", "/console/complaints/board", $"/console/complaints/{stationComplaint}", "/console/cases/board"));
        var io = await app.CreateStaffAsync(Roles.InvestigatingOfficer, station);
        findings.AddRange(await AuditConsoleAsync(language, io, "/console/cases", "/console/persons"));

        findings.ShouldBeEmpty(string.Join(Environment.NewLine, findings));
    }

    /// <summary>A complaint against police submitted as a citizen on the web would, for the centre's pages.</summary>
    private async Task<string> SubmitPoliceComplaintAsync(string station)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitPoliceComplaintHandler>().HandleAsync(
            new SubmitPoliceComplaintCommand("other", "web", station, null, null, "Generated complaint for the accessibility walk.",
                new ComplainantInput("Generated Complainant", "+923001234567")),
            null, TestContext.Current.CancellationToken);
        return submitted.Reference;
    }

    /// <summary>A complaint filed online with the station, for the front desk's and the SHO's pages.</summary>
    private async Task<string> FileStationComplaintAsync(string station)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var filed = await scope.ServiceProvider.GetRequiredService<StationIntake.FileComplaintHandler>().HandleAsync(
            new StationIntake.FileComplaintCommand(station, "theft", "Generated complaint for the accessibility walk.", DateTimeOffset.UtcNow.AddHours(-1), null,
                new StationIntake.ComplainantInput("Generated Complainant", "+923001234568", null)),
            null, TestContext.Current.CancellationToken);
        return filed.Reference;
    }

    [Fact]
    public async Task TheAudit_ReportsAViolation_OnAPageThatHasOne()
    {
        // The audit must be able to fail: a button with no name is what issue 20 found on the console.
        // (A context of its own, outside the per-test hook, which would rightly fail this test.)
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });

        var findings = await AccessibilityAudit.AuditInOwnTabAsync(context, new Uri(app.BaseAddress, "/").ToString(), page =>
            page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<button id=\"nameless\"><svg aria-hidden=\"true\"></svg></button>')"));

        findings.ShouldContain(f => f.Rule == "button-name" && f.Targets.Contains("#nameless"));
    }

    [Fact]
    public async Task TheAudit_StillReportsAMissingTitle_AfterWaitingForOne()
    {
        // The audit waits (at most 3 s) for the document's title as a circuit starts; a page that
        // never gets one must still fail.
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });

        var findings = await AccessibilityAudit.AuditInOwnTabAsync(context, new Uri(app.BaseAddress, "/track").ToString(), page =>
            page.EvaluateAsync("() => document.querySelectorAll('title').forEach(t => t.remove())"));

        findings.ShouldContain(f => f.Rule == "document-title");
    }

    [Fact]
    public async Task AnAuditWhoseTabsHang_IsRetriedInANewContext_ThenInANewBrowser_AndCompletes()
    {
        // What CI met: axe never returned in a tab, nor in a new context's (cause unknown). Here the
        // first two tabs' renderers are made to spin, as stuck ones would: the audit must still
        // complete, in the third attempt, in a browser of its own.
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var home = await context.NewPageAsync();
        await home.GotoAsync("/");
        var attempts = 0;

        var findings = await AccessibilityAudit.AuditInOwnTabAsync(context, "/track", async page =>
        {
            if (Interlocked.Increment(ref attempts) <= 2)
            {
                await page.EvaluateAsync("() => { setTimeout(() => { for (;;) { } }, 0); }");
            }
        }, bound: TimeSpan.FromSeconds(5));

        attempts.ShouldBe(3);
        findings.ShouldBeEmpty();
    }

    /// <summary>The district above a station (station → sub-division → district in the demo pack).</summary>
    private string DistrictOf(string station) => app.Unit(app.Unit(station).ParentCode!).ParentCode!;

    private async Task<IReadOnlyList<AccessibilityFinding>> AuditConsoleAsync(
        string language, (string UserName, string Password, string TotpSecret) account, params string[] urls)
    {
        var page = await app.NewPageAsync(auditedByTheTest: true);
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        await UseLanguageAsync(page, language);
        var findings = new List<AccessibilityFinding>();
        foreach (var url in urls)
        {
            findings.AddRange(await AccessibilityAudit.AuditInOwnTabAsync(page.Context, url, UntilInteractiveAsync));
        }

        return findings;
    }

    private static async Task UntilInteractiveAsync(IPage page)
    {
        await Expect(page.Locator(".console-root")).ToHaveAttributeAsync("data-interactive", "true");
        // A quiet network (the map's outlines fetched, say) is waited for briefly: on a loaded CI it
        // did not come within Playwright's 20 s once, and the audit waits for a quiet page itself.
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
    }

    private static async Task UseLanguageAsync(IPage page, string language)
    {
        await page.GotoAsync($"/culture/{language}?returnUrl=%2F");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }
}
