using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.FrontDesk;

/// <summary>
/// A station's complaint from the staff side (issue 16): taken at the desk on the console, assigned
/// by the SHO from the station board, the SMS in the outbox, tracked by the citizen, worked and
/// disposed by the inquiry officer, and rated by the citizen; and the desk's pages in Urdu.
/// </summary>
public sealed class FrontDeskConsoleTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complaint_TakenAtTheDesk_Assigned_Texted_Tracked_Disposed_AndRated()
    {
        var station = app.Demo("frontdesk").Unit;
        var phone = "+92" + Random.Shared.NextInt64(3_000_000_000, 3_999_999_999).ToString(CultureInfo.InvariantCulture);
        var deskAccount = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var shoAccount = await app.CreateStaffAsync(Roles.Sho, station);
        var ioAccount = await app.CreateStaffAsync(Roles.InvestigatingOfficer, station);

        var desk = await SignedInAsync(deskAccount);
        await OpenAsync(desk, "/console/front-desk/complaints/new", "#new-complaint-page");
        await desk.Locator("#file-complaint").ClickAsync();
        // Every refusal at once, not the first one only.
        await Expect(desk.Locator("#complaint-errors li")).ToHaveCountAsync(4);
        await Expect(desk.Locator("#complainant-phone-error")).ToBeVisibleAsync();

        await desk.Locator("#complaint-category").SelectOptionAsync("theft");
        await desk.Locator("#complaint-description").FillAsync("A generated test complaint: a bicycle was taken from the market.");
        await desk.Locator("#complaint-location").FillAsync("Test Market");
        await desk.Locator("#complainant-name").FillAsync("Generated Complainant Desk");
        await desk.Locator("#complainant-phone").FillAsync(phone);
        await desk.Locator("#file-complaint").ClickAsync();
        await Expect(desk.Locator("#filed-reference")).ToBeVisibleAsync();
        var reference = (await desk.Locator("#filed-reference").InnerTextAsync()).Trim();

        await OpenAsync(desk, "/console/front-desk/visitors", "#visitor-log-page");
        await desk.Locator("#visitor-name").FillAsync("Generated Complainant Desk");
        await desk.Locator("#visitor-purpose").SelectOptionAsync("complaint");
        await desk.Locator("#visitor-saw").FillAsync("Duty officer");
        await desk.Locator("#visitor-reference").FillAsync(reference);
        await desk.Locator("#record-visitor").ClickAsync();
        var visit = desk.Locator("#visitor-log tr", new() { HasText = "Generated Complainant Desk" });
        await Expect(visit).ToHaveCountAsync(1);
        await visit.Locator("button.depart").ClickAsync();
        await Expect(visit.Locator("button.depart")).ToHaveCountAsync(0);

        await OpenAsync(desk, "/console/front-desk/today", "#todays-board-page");
        await Expect(desk.Locator($"#today-awaiting a[href='/console/complaints/{reference}']")).ToBeVisibleAsync();
        await Expect(desk.Locator($"#today-received a[href='/console/complaints/{reference}']")).ToBeVisibleAsync();

        var sho = await SignedInAsync(shoAccount);
        await OpenAsync(sho, "/console/complaints/board", "#station-board-page");
        await sho.Locator($"#board-Received a[href='/console/complaints/{reference}#assign']").ClickAsync();
        await Expect(sho.Locator("#complaint-work-page")).ToHaveAttributeAsync("data-interactive", "true");
        await sho.Locator("#assign-officer").FillAsync(ioAccount.UserName);
        await sho.Locator("#assign-name").FillAsync("Inspector Generated Officer");
        await sho.Locator("#assign-phone").FillAsync("+923331112277");
        await sho.Locator("#assign-submit").ClickAsync();
        await Expect(sho.Locator("#complaint-status")).ToHaveTextAsync("With an inquiry officer");

        var texts = await SmsToAsync(phone);
        texts.Count.ShouldBe(2);
        texts[0].ShouldContain(reference);
        texts[1].ShouldContain("923331112277");

        var citizen = await app.NewPageAsync(javaScriptEnabled: false);
        await citizen.GotoAsync($"/complaints/track?reference={reference}");
        await citizen.Locator("#phone").FillAsync(phone);
        await citizen.Locator("#look-up").ClickAsync();
        await Expect(citizen.Locator("#status")).ToHaveTextAsync("With an inquiry officer");
        await Expect(citizen.Locator("#officer")).ToContainTextAsync("Inspector Generated Officer");

        var io = await SignedInAsync(ioAccount);
        await OpenAsync(io, "/console/complaints", "#complaint-list-page");
        await io.Locator($"#complaints-mine a[href='/console/complaints/{reference}']").ClickAsync();
        await Expect(io.Locator("#complaint-work-page")).ToHaveAttributeAsync("data-interactive", "true");
        await io.Locator("#start-inquiry").ClickAsync();
        await Expect(io.Locator("#complaint-status")).ToHaveTextAsync("Under inquiry");

        // The SHO's page still offers the assignment it showed before: the handler refuses it (409), and the page says why.
        await sho.Locator("#assign-officer").FillAsync(ioAccount.UserName);
        await sho.Locator("#assign-name").FillAsync("Inspector Generated Officer");
        await sho.Locator("#assign-phone").FillAsync("+923331112277");
        await sho.Locator("#assign-submit").ClickAsync();
        await Expect(sho.Locator("#complaint-refused")).ToContainTextAsync("Under inquiry");
        await Expect(sho.Locator("#complaint-status")).ToHaveTextAsync("Under inquiry");

        await io.Locator("#dispose-outcome").SelectOptionAsync("Resolved");
        await io.Locator("#dispose-note").FillAsync("Bicycle recovered and returned.");
        await io.Locator("#dispose-submit").ClickAsync();
        await Expect(io.Locator("#complaint-status")).ToHaveTextAsync("Decided");
        await Expect(io.Locator("#complaint-outcome")).ToContainTextAsync("Resolved");

        await citizen.Locator("#look-up").ClickAsync();
        await Expect(citizen.Locator("#status")).ToHaveTextAsync("Decided");
        await citizen.Locator("label[for=rating-5]").ClickAsync();
        await citizen.Locator("#comment").FillAsync("Quick and polite.");
        await citizen.Locator("#rate").ClickAsync();
        await Expect(citizen.Locator("#rated")).ToContainTextAsync("5 of 5");

        await io.ReloadAsync();
        await Expect(io.Locator("#complaint-rating")).ToContainTextAsync("5");
        (await SmsToAsync(phone)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task DeskPages_InUrdu_AreRightToLeft_AndNameEveryBadFieldInUrdu()
    {
        var station = app.Demo("frontdesk").Unit;
        var desk = await SignedInAsync(await app.CreateStaffAsync(Roles.FrontDesk, station));
        await desk.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(desk.Locator("html")).ToHaveAttributeAsync("dir", "rtl");

        await OpenAsync(desk, "/console/front-desk/complaints/new", "#new-complaint-page");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("ڈیسک پر نئی شکایت");
        await desk.Locator("#complainant-phone").FillAsync("12ab");
        await desk.Locator("#file-complaint").ClickAsync();
        await Expect(desk.Locator("#complaint-errors li")).ToHaveCountAsync(4);
        await Expect(desk.Locator("#complainant-phone-error")).ToContainTextAsync("موبائل نمبر");

        await OpenAsync(desk, "/console/front-desk/visitors", "#visitor-log-page");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("ملاقاتیوں کا رجسٹر");
        await desk.Locator("#record-visitor").ClickAsync();
        await Expect(desk.Locator("#visitor-name-error")).ToContainTextAsync("ملاقاتی کا نام");
        await Expect(desk.Locator("#visitor-purpose-error")).ToBeVisibleAsync();

        await OpenAsync(desk, "/console/front-desk/today", "#todays-board-page");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("آج ڈیسک پر");
        await OpenAsync(desk, "/console/complaints", "#complaint-list-page");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("شکایات");
    }

    private async Task<IPage> SignedInAsync((string UserName, string Password, string TotpSecret) account)
    {
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        return page;
    }

    private static async Task OpenAsync(IPage page, string url, string root)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator(root)).ToHaveAttributeAsync("data-interactive", "true");
    }

    private async Task<List<string>> SmsToAsync(string phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test assertion");
        return await scope.ServiceProvider.GetRequiredService<NigehbanDbContext>().Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Sms && m.Recipient == phone).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(Ct);
    }
}
