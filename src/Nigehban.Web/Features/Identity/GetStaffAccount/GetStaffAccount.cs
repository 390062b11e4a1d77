using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity.GetStaffAccount;

/// <summary>One staff account as the administrator sees it; never its secrets.</summary>
public sealed class GetStaffAccountHandler(NigehbanDbContext db)
{
    public async Task<StaffSummary> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.Set<StaffAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new NotFoundException("id", IdentityErrors.Text("Account.Unknown"));
        return StaffAdministration.Summarise(account);
    }
}
