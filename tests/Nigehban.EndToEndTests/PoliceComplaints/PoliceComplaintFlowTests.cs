using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.PoliceComplaints;

/// <summary>
/// A complaint against police from end to end: the citizen's form without JavaScript, the centre
/// assigns it to an SDPO outside the station, the SDPO calls and replies, the SMS is in the outbox,
/// and the citizen tracks it and confirms satisfaction, which closes it.
/// </summary>
public sealed class PoliceComplaintFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Complaint_OnTheWeb_AssignedOutsideTheStation_RepliedTo_AndClosedByTheSatisfiedCitizen()
    {
        var station = app.Demo("frontdesk").Unit;
        var phone = "+92300" + Random.Shared.Next(1000000, 9999999);
        var citizen = await app.NewPageAsync(javaScriptEnabled: false);
        await citizen.GotoAsync("/police-complaints/new");
        await citizen.Locator("#type").SelectOptionAsync("illegal-detention");
        await citizen.Locator("#station").SelectOptionAsync(station);
        await citizen.Locator("#description").FillAsync("Generated test complaint: kept overnight without an entry.");
        await citizen.Locator("[id='complainant.name']").FillAsync("Generated Complainant E2E");
        await citizen.Locator("[id='complainant.phone']").FillAsync(phone);
        await citizen.Locator("#send-complaint").ClickAsync();
        await Expect(citizen.Locator("#complaint-reference")).ToBeVisibleAsync();
        var reference = (await citizen.Locator("#complaint-reference").InnerTextAsync()).Trim();

        var root = app.Demo("admin").Unit;
        var circle = app.Unit(station).ParentCode!;
        var centreAccount = await app.CreateStaffAsync(Roles.ComplaintCentreOfficer, root);
        var sdpoAccount = await app.CreateStaffAsync(Roles.SubdivisionOfficer, circle);

        var centre = await app.NewPageAsync();
        await SignIn.AsAsync(centre, centreAccount.UserName, centreAccount.Password, centreAccount.TotpSecret);
        await centre.GotoAsync("/console/police-complaints");
        await Expect(centre.Locator("#police-complaints-page")).ToHaveAttributeAsync("data-interactive", "true");
        await centre.Locator($"#police-complaints-table a[href='/console/police-complaints/{reference}']").ClickAsync();
        await Expect(centre.Locator("#police-complaint-page")).ToHaveAttributeAsync("data-interactive", "true");
        await centre.Locator("#assign-officer").FillAsync(sdpoAccount.UserName);
        await centre.Locator("#assign").ClickAsync();
        await Expect(centre.Locator("#complaint-status")).ToHaveTextAsync("Under inquiry");

        var sdpo = await app.NewPageAsync();
        await SignIn.AsAsync(sdpo, sdpoAccount.UserName, sdpoAccount.Password, sdpoAccount.TotpSecret);
        await sdpo.GotoAsync($"/console/police-complaints/{reference}");
        await Expect(sdpo.Locator("#police-complaint-page")).ToHaveAttributeAsync("data-interactive", "true");
        await sdpo.Locator("#call-note").FillAsync("Spoke to the complainant.");
        await sdpo.Locator("#log-call").ClickAsync();
        await Expect(sdpo.Locator("#complaint-timeline li")).ToHaveCountAsync(3);
        await sdpo.Locator("#reply-text").FillAsync("The register shows release the same evening.");
        await sdpo.Locator("#reply-finding").SelectOptionAsync("NotSubstantiated");
        await sdpo.Locator("#send-reply").ClickAsync();
        await Expect(sdpo.Locator("#complaint-status")).ToHaveTextAsync("Replied");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test assertion");
            var texts = await scope.ServiceProvider.GetRequiredService<NigehbanDbContext>().Set<OutboxMessage>()
                .Where(m => m.Kind == OutboxKinds.Sms && m.Payload.Contains(reference)).Select(m => m.Recipient).ToListAsync(TestContext.Current.CancellationToken);
            texts.ShouldBe([phone, phone]);
        }

        await citizen.GotoAsync($"/police-complaints/track?reference={Uri.EscapeDataString(reference)}");
        await citizen.Locator("#phone").FillAsync(phone);
        await citizen.Locator("#track-complaint").ClickAsync();
        await Expect(citizen.Locator("#complaint-status")).ToHaveTextAsync("Replied");
        await Expect(citizen.Locator("#complaint-reply")).ToContainTextAsync("release the same evening");
        await citizen.Locator("#satisfied").ClickAsync();
        await Expect(citizen.Locator("#complaint-status")).ToHaveTextAsync("Closed");
    }
}
