using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>
/// The one place that decides who finds a complaint against police (ADR-045): staff whose jurisdiction
/// covers the centre's unit, and the officer it is assigned to; never the account complained about.
/// Everyone else gets 404, by every route. Input shapes shared by the use cases live here too.
/// </summary>
public sealed class PoliceComplaintAccess(NigehbanDbContext db, JurisdictionScope scope, CurrentUser user, PoliceComplaintPolicy policy)
{
    /// <summary>The complaints this caller may find; tracked, so a use case can change them.</summary>
    public IQueryable<PoliceComplaint> Visible()
    {
        EnsureOffered(policy);
        var prefix = scope.PathPrefix;
        var me = user.AccountId ?? Guid.Empty;
        // The filter is lifted only to add the assignee's reach; the centre's subtree is the filter's own rule.
        return db.Set<PoliceComplaint>().IgnoreQueryFilters()
            .Where(c => (c.UnitPath.StartsWith(prefix) || c.AssignedAccountId == me)
                && (c.AccusedAccountId == null || c.AccusedAccountId != me));
    }

    public async Task<PoliceComplaint> FindAsync(string reference, CancellationToken cancellationToken, bool withSteps = false)
    {
        var canonical = PoliceComplaint.CanonicalReference(reference);
        var query = Visible();
        if (withSteps)
        {
            query = query.Include(c => c.Steps);
        }

        return await query.FirstOrDefaultAsync(c => c.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", PoliceComplaintErrors.Text("Reference.NotFound"));
    }

    /// <summary>Whether the caller reaches the complaint as the centre does (not only by assignment).</summary>
    public bool SeesAsCentre(PoliceComplaint complaint) => scope.Covers(complaint.UnitPath);

    public static void EnsureOffered(PoliceComplaintPolicy policy)
    {
        if (!policy.IsOffered)
        {
            throw new NotFoundException("police-complaints", PoliceComplaintErrors.Text("Centre.NotOffered"));
        }
    }
}
