using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Nigehban.Web.Features.Identity.ListStaffAccounts;

/// <summary>Staff accounts, paged, optionally filtered by user or display name.</summary>
public sealed class ListStaffAccountsHandler(NigehbanDbContext db)
{
    public async Task<PagedList<StaffSummary>> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Set<StaffAccount>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(a => a.UserName.Contains(term) || a.DisplayName.ToLower().Contains(term));
        }

        return await PagedList<StaffSummary>.CreateAsync(
            query.OrderBy(a => a.UserName),
            a => new StaffSummary(a.Id, a.UserName, a.DisplayName, a.HomeUnitCode, a.RoleList, a.IsDisabled, a.LockedOutAt != null, a.LastSignInAt),
            page, pageSize, cancellationToken);
    }
}
