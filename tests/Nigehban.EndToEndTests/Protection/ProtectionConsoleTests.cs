using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Protection;

/// <summary>
/// The protection desk on the console (issue 18): a case opened at the desk after the form names what
/// is missing, the desk's lists (which never show who the person is), the pages in Urdu, and a partner
/// body's account acknowledging a referral and reporting its outcome. Every page is audited by axe.
/// </summary>
public sealed class ProtectionConsoleTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACaseOpenedAtTheDesk_IsListedWithoutThePerson_AndAPartnerWorksItsReferral()
    {
        var centre = app.Demo("protection").Unit;
        var desk = await SignedInAsync(await app.CreateStaffAsync(Roles.ProtectionOfficer, centre));
        await OpenAsync(desk, "/console/protection/new", "#open-case-page");
        await desk.Locator("#open-case").ClickAsync();
        await Expect(desk.Locator("#case-errors li[data-field=groups]")).ToBeVisibleAsync();

        var name = "Generated Browser Person " + Guid.NewGuid().ToString("N")[..6];
        await desk.Locator("#group-woman").CheckAsync();
        await desk.Locator("#need-shelter").CheckAsync();
        await desk.Locator("#case-name").FillAsync(name);
        await desk.Locator("#case-contact").FillAsync("+923004445566");
        await desk.Locator("#case-statement").FillAsync("Generated statement for the browser test.");
        await desk.Locator("#open-case").ClickAsync();
        await Expect(desk.Locator("#opened-reference")).ToBeVisibleAsync();
        var reference = (await desk.Locator("#opened-reference").InnerTextAsync()).Trim();

        await OpenAsync(desk, "/console/protection", "#protection-desk-page");
        await Expect(desk.Locator("#cases-mine")).ToContainTextAsync(reference);
        await Expect(desk.Locator("#follow-ups-due")).ToContainTextAsync(reference);
        (await desk.ContentAsync()).ShouldNotContain(name);

        await desk.Locator($"#cases-mine a[href='/console/protection/cases/{reference}']").ClickAsync();
        await Expect(desk.Locator("#protection-case-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desk.Locator("#person-name")).ToHaveTextAsync(name);
        await desk.Locator("#case-follow-ups button.complete-follow-up").First.ClickAsync();
        await Expect(desk.Locator("#case-follow-ups button.complete-follow-up")).ToHaveCountAsync(0);
        await desk.Locator("#close-satisfaction").SelectOptionAsync("PartlySatisfied");
        await desk.Locator("#close-case").ClickAsync();
        await Expect(desk.Locator("#case-status")).ToHaveTextAsync("Closed");

        await desk.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(desk.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await OpenAsync(desk, "/console/protection", "#protection-desk-page");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("تحفظ ڈیسک");
        await OpenAsync(desk, "/console/protection/new", "#open-case-page");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("تحفظ کیس کھولیں");

        var partnerAccount = await app.CreateStaffAsync(Roles.ProtectionPartner, app.Demo("dpo").Unit);
        await ArrangeReferralAsync(partnerAccount.UserName, reference, "Generated note: needs a bed tonight");
        var partner = await SignedInAsync(partnerAccount);
        await OpenAsync(partner, "/console/protection/referrals", "#partner-referrals-page");
        await partner.Locator("#partner-referrals button.open-referral").First.ClickAsync();
        await Expect(partner.Locator("#referral-note")).ToHaveTextAsync("Generated note: needs a bed tonight");
        await partner.Locator("#acknowledge-referral").ClickAsync();
        await Expect(partner.Locator("#acknowledge-referral")).ToHaveCountAsync(0);
        await partner.Locator("#referral-outcome").FillAsync("Generated outcome: placed at the shelter");
        await partner.Locator("#report-outcome").ClickAsync();
        await Expect(partner.Locator("#referral-outcome-text")).ToHaveTextAsync("Generated outcome: placed at the shelter");
    }

    /// <summary>Links the partner account to the shelter and refers the case to it, as the desk's officer and an administrator would.</summary>
    private async Task ArrangeReferralAsync(string partnerUserName, string reference, string note)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test arrangement");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var account = await db.Set<StaffAccount>().IgnoreQueryFilters().SingleAsync(a => a.UserName == partnerUserName, Ct);
        var protectionCase = await db.Set<ProtectionCase>().SingleAsync(c => c.Reference == reference, Ct);
        db.Add(new ProtectionPartnerAccount { AccountId = account.Id, UserName = partnerUserName, PartnerCode = "women-shelter", LinkedBy = "test", LinkedAt = DateTimeOffset.UtcNow });
        var referral = new ProtectionReferral
        {
            Id = Guid.CreateVersion7(), CaseId = protectionCase.Id, CaseReference = reference, UnitCode = protectionCase.UnitCode, UnitPath = protectionCase.UnitPath,
            PartnerCode = "women-shelter", NeedCode = "shelter", SentBy = "test", SentAt = DateTimeOffset.UtcNow,
            AcknowledgeDueAt = DateTimeOffset.UtcNow.AddHours(48), OutcomeDueAt = DateTimeOffset.UtcNow.AddDays(14),
        };
        referral.NoteSealed = cipher.Seal(note, referral.NoteContext);
        db.Add(referral);
        await db.SaveChangesAsync(Ct);
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
}
