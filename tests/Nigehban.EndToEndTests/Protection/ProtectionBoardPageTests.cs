using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Nigehban.EndToEndTests.Protection;

/// <summary>The in-charge's board in English and Urdu: a centre's counts, a late referral and a break-glass read, never the person (axe audits both).</summary>
public sealed class ProtectionBoardPageTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheBoard_ShowsTheCentresCountsAndLateWork_InEnglishAndUrdu()
    {
        var centre = app.Demo("protection").Unit;
        var name = "Generated Board Person " + Guid.NewGuid().ToString("N")[..6];
        var reference = await ArrangeAsync(centre, name);

        var account = await app.CreateStaffAsync(Roles.Sho, centre);
        var page = await app.NewPageAsync();
        await SignIn.AsAsync(page, account.UserName, account.Password, account.TotpSecret);
        await page.GotoAsync("/console/protection/board");
        await Expect(page.Locator("#protection-board-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Protection centres in your charge");
        var section = page.Locator($"section[data-centre='{centre}']");
        await Expect(section.Locator("[data-testid=late-referrals]")).ToContainTextAsync(reference);
        await Expect(section.Locator("[data-testid=break-glass-reads]")).ToContainTextAsync(reference);
        (await section.Locator("dd[data-count=follow-ups-overdue]").InnerTextAsync()).Trim().ShouldNotBe("0");
        (await page.ContentAsync()).ShouldNotContain(name);

        await page.GotoAsync("/culture/ur?returnUrl=%2Fconsole");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await page.GotoAsync("/console/protection/board");
        await Expect(page.Locator("#protection-board-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("h1")).ToHaveTextAsync("آپ کی نگرانی میں تحفظ مراکز");
        await Expect(page.Locator($"section[data-centre='{centre}'] [data-testid=late-referrals]")).ToContainTextAsync(reference);
    }

    /// <summary>A case with an overdue follow-up, a referral its partner never acknowledged (escalated) and a break-glass read, as the desk would leave them.</summary>
    private async Task<string> ArrangeAsync(string centre, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test arrangement");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var unit = scope.ServiceProvider.GetRequiredService<Nigehban.Web.Platform.Units.UnitDirectory>().Find(centre)!;
        var now = DateTimeOffset.UtcNow;
        var reference = "PRC-TEST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var protectionCase = new ProtectionCase
        {
            Id = Guid.CreateVersion7(), Reference = reference, UnitCode = centre, UnitPath = unit.Path, CentreType = "tahaffuz",
            Groups = "woman", Needs = "shelter", OpenedAt = now.AddDays(-6),
        };
        protectionCase.NameSealed = cipher.Seal(name, protectionCase.FieldContext("name"));
        protectionCase.PlanFollowUp(ProtectionFollowUpKind.Call, now.AddDays(-3), "test", now.AddDays(-6));
        db.Add(protectionCase);
        var referral = new ProtectionReferral
        {
            Id = Guid.CreateVersion7(), CaseId = protectionCase.Id, CaseReference = reference, UnitCode = centre, UnitPath = unit.Path,
            PartnerCode = "women-shelter", NeedCode = "shelter", SentBy = "test", SentAt = now.AddDays(-5),
            AcknowledgeDueAt = now.AddDays(-3), OutcomeDueAt = now.AddDays(9), AcknowledgementEscalatedAt = now.AddDays(-3),
        };
        db.Add(referral);
        var glass = new ProtectionBreakGlass { Id = Guid.CreateVersion7(), CaseId = protectionCase.Id, UserName = "generated-officer", At = now.AddHours(-2), ReasonSealed = "" };
        glass.ReasonSealed = cipher.Seal("Generated reason for the board test", glass.ReasonContext);
        db.Add(glass);
        await db.SaveChangesAsync(Ct);
        return reference;
    }
}
