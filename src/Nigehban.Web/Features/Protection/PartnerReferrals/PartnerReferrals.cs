using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection.PartnerReferrals;

public sealed record PartnerReferralSummary(
    Guid Id, string CaseReference, string Centre, string Need, DateTimeOffset SentAt, DateTimeOffset AcknowledgeDueAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset OutcomeDueAt, DateTimeOffset? OutcomeAt);

public sealed record PartnerReferralDetail(
    Guid Id, string CaseReference, string Centre, string Partner, string Need, DateTimeOffset SentAt, string SentBy, string? Note,
    DateTimeOffset AcknowledgeDueAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset OutcomeDueAt, DateTimeOffset? OutcomeAt, string? Outcome);

public sealed record ReportOutcomeCommand(string? Outcome);

public sealed record LinkPartnerAccountCommand(string? UserName, string? Partner);

public sealed record PartnerAccountLinked(string UserName, string Partner);

/// <summary>
/// A partner body's side of referrals: the list sent to it, one referral (an audited read; any other
/// is 404), its acknowledgement and its outcome. An administrator links a staff account holding the
/// partner role to the partner body it works for.
/// </summary>
public sealed class PartnerReferralsHandler(
    NigehbanDbContext db, ProtectionAccess access, ProtectionPack pack, CurrentUser user, StaffDirectory staff,
    JurisdictionScope scope, TimeProvider clock, FieldCipher cipher)
{
    public async Task<PagedList<PartnerReferralSummary>> ListAsync(bool? open, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = (await access.PartnerReferralsAsync(cancellationToken)).AsNoTracking();
        if (open == true)
        {
            query = query.Where(r => r.OutcomeAt == null);
        }

        return await PagedList<PartnerReferralSummary>.CreateAsync(query.OrderByDescending(r => r.SentAt),
            r => new PartnerReferralSummary(r.Id, r.CaseReference, r.UnitCode, r.NeedCode, r.SentAt, r.AcknowledgeDueAt, r.AcknowledgedAt, r.OutcomeDueAt, r.OutcomeAt),
            page ?? 1, pageSize ?? PagedList<PartnerReferralSummary>.DefaultPageSize, cancellationToken);
    }

    public async Task<PartnerReferralDetail> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await access.FindPartnerReferralAsync(id, cancellationToken);
        db.Audit.Record(new AuditEntry("protection-referral.read", nameof(ProtectionReferral), referral.Id.ToString(), UnitPath: referral.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return Detail(referral);
    }

    public async Task<PartnerReferralDetail> AcknowledgeAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await access.FindPartnerReferralAsync(id, cancellationToken);
        referral.Acknowledge(user.UserName ?? "", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Detail(referral);
    }

    public async Task<PartnerReferralDetail> ReportOutcomeAsync(Guid id, ReportOutcomeCommand command, CancellationToken cancellationToken)
    {
        var referral = await access.FindPartnerReferralAsync(id, cancellationToken);
        var outcome = TextFields.Required(command?.Outcome, "outcome", 2000);
        referral.ReportOutcome(user.UserName ?? "", cipher.Seal(outcome, referral.OutcomeContext), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Detail(referral);
    }

    /// <summary>Links (or re-links) an account of the administrator's jurisdiction that holds the partner role to a partner body.</summary>
    public async Task<PartnerAccountLinked> LinkAsync(LinkPartnerAccountCommand command, CancellationToken cancellationToken)
    {
        ProtectionAccess.EnsureOffered(pack);
        var partner = pack.Partner(command?.Partner)
            ?? throw new ValidationFailedException("partner", ProtectionErrors.Text("Partner.Unknown", string.Join(", ", pack.Partners.Select(p => p.Code))));
        var account = await staff.FindAsync(command!.UserName, cancellationToken);
        if (account is null || !scope.Covers(account.HomeUnitPath))
        {
            throw new NotFoundException("userName", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        if (!account.Roles.Contains(Roles.ProtectionPartner, StringComparer.Ordinal))
        {
            throw new ValidationFailedException("userName", ProtectionErrors.Text("PartnerAccount.Role"));
        }

        var link = await db.Set<ProtectionPartnerAccount>().FirstOrDefaultAsync(a => a.AccountId == account.Id, cancellationToken);
        if (link is null)
        {
            db.Add(new ProtectionPartnerAccount { AccountId = account.Id, UserName = account.UserName, PartnerCode = partner.Code, LinkedBy = user.UserName ?? "", LinkedAt = clock.GetUtcNow() });
        }
        else
        {
            link.PartnerCode = partner.Code;
            link.LinkedBy = user.UserName ?? "";
            link.LinkedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PartnerAccountLinked(account.UserName, partner.Code);
    }

    private PartnerReferralDetail Detail(ProtectionReferral r) => new(
        r.Id, r.CaseReference, r.UnitCode, r.PartnerCode, r.NeedCode, r.SentAt, r.SentBy, cipher.OpenOptional(r.NoteSealed, r.NoteContext),
        r.AcknowledgeDueAt, r.AcknowledgedAt, r.OutcomeDueAt, r.OutcomeAt, cipher.OpenOptional(r.OutcomeSealed, r.OutcomeContext));
}
