using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Protection;

/// <summary>
/// Demo data: a few invented protection cases at the demo protection officer's centre, so the desk, the
/// partner's page, the in-charge's board and the dashboard show the desk working on a first start — one
/// named and referred to the demo partner's body (its acknowledgement and first call overdue), one
/// anonymous from the web waiting to be taken, one closed with the person's satisfaction. Names and
/// statements say they are fictional, and are sealed like any other. Only on a database with no
/// protection case yet, and only with <c>Demo:History</c> (the tests turn it off and count their own rows).
/// </summary>
public sealed class SeedDemoCases(
    NigehbanDbContext db, ProtectionPack pack, StaffDirectory staff, UnitDirectory units, FieldCipher cipher,
    AllocateReferenceNumber references, DeadlineCalculator deadlines, IConfiguration configuration, TimeProvider clock) : IDemoDataSeed
{
    public const string DemoOfficer = "protection";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!pack.IsOffered || pack.Partners.Count == 0 || !configuration.GetValue("Demo:History", true)
            || await db.Set<ProtectionCase>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var demoOfficer = await staff.FindAsync(DemoOfficer, cancellationToken);
        var centre = pack.Centres.FirstOrDefault(c => demoOfficer is not null && c.UnitCode == demoOfficer.HomeUnitCode) ?? pack.Centres[0];
        var unit = pack.UnitOf(centre, units);
        // The demo officer holds the cases only where their jurisdiction finds them; elsewhere they wait to be taken.
        var officer = demoOfficer is not null && unit.Path.StartsWith(demoOfficer.HomeUnitPath, StringComparison.Ordinal) ? demoOfficer : null;
        var partner = pack.Partners[0];
        var now = clock.GetUtcNow().ToMicroseconds();

        var referred = await NewCaseAsync(centre, unit, now.AddDays(-5), [pack.Groups[0].Code], [partner.Needs[0]], "Demo Person Alpha (fictional)",
            "Fictional demo statement: she asked for a safe place to stay.", officer);
        var sentAt = now.AddDays(-4);
        var referral = new ProtectionReferral
        {
            Id = Guid.CreateVersion7(sentAt), CaseId = referred.Id, CaseReference = referred.Reference, UnitCode = unit.Code, UnitPath = unit.Path,
            PartnerCode = partner.Code, NeedCode = partner.Needs[0], SentBy = DemoOfficer, SentAt = sentAt,
            AcknowledgeDueAt = deadlines.DueAt(sentAt, pack.AcknowledgeWithin), OutcomeDueAt = deadlines.DueAt(sentAt, pack.OutcomeWithin),
        };
        referral.NoteSealed = cipher.Seal("Fictional demo note: a bed for two nights.", referral.NoteContext);
        db.Add(referral);

        await NewCaseAsync(centre, unit, now.AddDays(-1), [pack.Groups[^1].Code], [pack.Needs[^1].Code], null,
            "Fictional demo statement sent from the web, anonymously.", officer: null);

        var closed = await NewCaseAsync(centre, unit, now.AddDays(-12), [pack.Groups[0].Code], [pack.Needs[0].Code], "Demo Person Bravo (fictional)",
            "Fictional demo statement: help with her documents.", officer);
        foreach (var followUp in closed.FollowUps)
        {
            followUp.Complete(DemoOfficer, cipher.Seal("Fictional demo call: all is well.", followUp.NoteContext), now.AddDays(-9));
        }

        closed.Close(ProtectionSatisfaction.Satisfied, null, now.AddDays(-3));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ProtectionCase> NewCaseAsync(ProtectionCentre centre, UnitInfo unit, DateTimeOffset openedAt, string[] groups, string[] needs,
        string? name, string statement, StaffMember? officer)
    {
        var reference = (await references.NextAsync(pack.ReferencePrefix, unit.Code, CancellationToken.None)).ToString();
        var protectionCase = new ProtectionCase
        {
            Id = Guid.CreateVersion7(openedAt), Reference = reference, UnitCode = unit.Code, UnitPath = unit.Path, CentreType = centre.Type,
            Channel = officer is null ? ProtectionChannel.Online : ProtectionChannel.Desk, Anonymous = name is null,
            Groups = string.Join(',', groups.Distinct().Order(StringComparer.Ordinal)), Needs = string.Join(',', needs.Distinct().Order(StringComparer.Ordinal)),
            OpenedAt = openedAt,
        };
        protectionCase.NameSealed = cipher.SealOptional(name, protectionCase.FieldContext("name"));
        protectionCase.ContactSealed = cipher.Seal("+999 0000 000 (fictional)", protectionCase.FieldContext("contact"));
        protectionCase.StatementSealed = cipher.Seal(statement, protectionCase.FieldContext("statement"));
        if (officer is not null)
        {
            protectionCase.AssignTo(officer.Id, officer.UserName);
        }

        protectionCase.PlanFollowUp(ProtectionFollowUpKind.Call, deadlines.DueAt(openedAt, pack.FirstFollowUpWithin), officer?.UserName ?? "citizen (web)", openedAt);
        db.Add(protectionCase);
        return protectionCase;
    }
}
