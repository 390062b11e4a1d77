using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection;

/// <summary>
/// The one place that decides who finds a protection case and who reads who the person is (ADR-061).
/// A case is found by staff whose jurisdiction covers its centre, by its assigned officer and by the
/// officers granted it; everyone else gets 404. Its protected fields open only for the assigned
/// officer and the granted ones (or a break-glass read). A partner's account finds only the
/// referrals sent to its partner body within its home unit's subtree.
/// </summary>
public sealed class ProtectionAccess(NigehbanDbContext db, JurisdictionScope scope, CurrentUser user, ProtectionPack pack)
{
    /// <summary>The cases this caller may find; tracked, so a use case can change them.</summary>
    public IQueryable<ProtectionCase> Cases()
    {
        EnsureOffered(pack);
        var prefix = scope.PathPrefix;
        var me = user.AccountId ?? Guid.Empty;
        // The filter is lifted only to add the assignee's and grantees' reach; the centre's subtree is the filter's own rule.
        return db.Set<ProtectionCase>().IgnoreQueryFilters()
            .Where(c => c.UnitPath.StartsWith(prefix) || c.AssignedAccountId == me || c.Grants.Any(g => g.AccountId == me));
    }

    public async Task<ProtectionCase> FindAsync(string reference, CancellationToken cancellationToken, bool withFollowUps = false)
    {
        var canonical = ReferenceNumber.TryParse(reference, out var parsed)
            ? parsed.ToString()
            : throw new NotFoundException("reference", ProtectionErrors.Text("Case.NotFound"));
        IQueryable<ProtectionCase> query = Cases().Include(c => c.Grants);
        if (withFollowUps)
        {
            query = query.Include(c => c.FollowUps).AsSplitQuery();
        }

        return await query.FirstOrDefaultAsync(c => c.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", ProtectionErrors.Text("Case.NotFound"));
    }

    public ProtectionPack Pack => pack;

    public bool MayRead(ProtectionCase protectionCase) => protectionCase.IsReadableBy(user.AccountId);

    /// <summary>Work that reveals or adds to who the person is: the assigned officer and the granted ones only (403 otherwise).</summary>
    public void EnsureReader(ProtectionCase protectionCase)
    {
        if (!MayRead(protectionCase))
        {
            throw new ForbiddenException(ProtectionErrors.Text("Readers.Only"), "reference");
        }
    }

    /// <summary>The referrals this partner account may find; none for an account linked to no partner.</summary>
    public async Task<IQueryable<ProtectionReferral>> PartnerReferralsAsync(CancellationToken cancellationToken)
    {
        EnsureOffered(pack);
        var me = user.AccountId ?? Guid.Empty;
        var partner = await db.Set<ProtectionPartnerAccount>().AsNoTracking()
            .Where(a => a.AccountId == me).Select(a => a.PartnerCode).FirstOrDefaultAsync(cancellationToken);
        var home = user.UnitPath ?? JurisdictionScopeNothing;
        return partner is null
            ? db.Set<ProtectionReferral>().IgnoreQueryFilters().Where(_ => false)
            : db.Set<ProtectionReferral>().IgnoreQueryFilters().Where(r => r.PartnerCode == partner && r.UnitPath.StartsWith(home));
    }

    public async Task<ProtectionReferral> FindPartnerReferralAsync(Guid id, CancellationToken cancellationToken) =>
        await (await PartnerReferralsAsync(cancellationToken)).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", ProtectionErrors.Text("Referral.NotFound"));

    public static void EnsureOffered(ProtectionPack pack)
    {
        if (!pack.IsOffered)
        {
            throw new NotFoundException("protection-cases", ProtectionErrors.Text("Desk.NotOffered"));
        }
    }

    /// <summary>No unit path starts with this: an account without a home unit reaches nothing.</summary>
    private const string JurisdictionScopeNothing = "\u0001";
}
