using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.StaffConsole;

public sealed class CounterTests(BrowserApp app)
{
    [Fact]
    public async Task Counter_IssuesToken_CallsIt_AndMarksItServed()
    {
        // A centre of the test's own: other tests call tokens at the demo centre's counters, and a token
        // they call at counter 1 would show on this page as the one "now serving".
        var station = await OpenCentreOfOwnAsync();
        var account = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        await page.Locator(".console-nav a[href='/console/counter']").ClickAsync();
        await Expect(page.Locator("#counter-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("#counter-page")).ToHaveAttributeAsync("data-centre", station);

        await page.Locator("#issue-token").ClickAsync();
        await Expect(page.Locator("#issued-token")).ToBeVisibleAsync();
        var token = await page.Locator("#issued-token").GetAttributeAsync("data-token");
        token.ShouldNotBeNullOrEmpty();
        await Expect(page.Locator($"#tokens-table tr[data-token='{token}']")).ToHaveAttributeAsync("data-status", "Waiting");

        await page.Locator("#call-next").ClickAsync();
        await Expect(page.Locator("#current-token")).ToHaveAttributeAsync("data-token", token!);
        await Expect(page.Locator($"#tokens-table tr[data-token='{token}']")).ToHaveAttributeAsync("data-status", "Called");
        await Screenshots.SaveAsync(page, "console-counter.png");
        await page.Locator("#serve-token").ClickAsync();

        await Expect(page.Locator($"#tokens-table tr[data-token='{token}']")).ToHaveAttributeAsync("data-status", "Served");
        await Expect(page.Locator("#current-token")).Not.ToHaveAttributeAsync("data-token", token!);
        await Expect(page.Locator("#call-next")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task CounterApplication_GetsReference_DocumentsUploaded_AndReturnedWithReason()
    {
        var station = app.Demo("frontdesk").Unit;
        var account = await app.CreateStaffAsync(Roles.FrontDesk, station);
        var name = ServiceCentreCitizen.NewName();
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        await page.GotoAsync("/console/counter");
        await Expect(page.Locator("#counter-page")).ToHaveAttributeAsync("data-interactive", "true");

        await page.Locator("#new-application-toggle").ClickAsync();
        await page.Locator("#new-service").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Character certificate" }).ClickAsync();
        // The list closes and hands the focus back to the select before the desk types on.
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.Locator("#new-national-id").FillAsync(ServiceCentreCitizen.NewCnic());
        await page.Locator("#new-name").FillAsync(name);
        await page.Locator("#new-parent-name").FillAsync("Test Father");
        await page.Locator("#new-phone").FillAsync("+923001234567");
        await page.Locator("#new-purpose").FillAsync("employment abroad");
        await page.Locator("#new-submit").ClickAsync();

        var result = page.Locator("#new-application-result");
        await Expect(result).ToBeVisibleAsync();
        var reference = await result.GetAttributeAsync("data-reference");
        reference.ShouldStartWith("PKM-");

        // The detail shows both documents missing; the desk scans them in.
        await page.Locator("#new-reference").ClickAsync();
        await page.WaitForURLAsync($"**/console/applications/{reference}");
        var detail = page.Locator("#application-detail");
        await Expect(detail).ToHaveAttributeAsync("data-status", "Submitted");
        await Expect(page.Locator("#applicant-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#documents li.document-missing")).ToHaveCountAsync(2);

        await page.Locator("li[data-document='national-id-copy'] input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "cnic.pdf", MimeType = "application/pdf", Buffer = ServiceCentreCitizen.SmallPdf });
        await Expect(page.Locator("li[data-document='national-id-copy']")).ToHaveClassAsync("document-supplied");
        await page.Locator("li[data-document='photo'] input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = ServiceCentreCitizen.SmallPng });
        await Expect(page.Locator("li[data-document='photo']")).ToHaveClassAsync("document-supplied");

        await page.Locator("[data-testid='action-DocumentsChecked']").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-status", "DocumentsChecked");

        // A return for correction asks for the reason the citizen will be told.
        await page.Locator("[data-testid='action-ReturnedForCorrection']").ClickAsync();
        await Expect(page.Locator("[data-testid='reason-confirm']")).ToBeDisabledAsync();
        await page.Locator("#reason-text").FillAsync("The photograph is not recent.");
        await page.Locator("[data-testid='reason-confirm']").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-status", "ReturnedForCorrection");
        await Expect(page.Locator("#correction-note")).ToContainTextAsync("The photograph is not recent.");
        await Expect(page.Locator("#timeline .timeline-step").Last).ToContainTextAsync("The photograph is not recent.");
    }

    /// <summary>A station no other test uses, with one open counter, so this test alone issues and calls its tokens.</summary>
    private async Task<string> OpenCentreOfOwnAsync()
    {
        var units = app.Services.GetRequiredService<UnitDirectory>();
        var station = units.All.Last(u => u.Kind == "station");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        if (!await db.Set<ServiceCounter>().IgnoreQueryFilters().AnyAsync(c => c.UnitCode == station.Code))
        {
            db.Add(new ServiceCounter { Id = Guid.CreateVersion7(), UnitCode = station.Code, UnitPath = station.Path, Number = 1, Label = "Counter 1" });
            await db.SaveChangesAsync();
        }

        return station.Code;
    }
}
