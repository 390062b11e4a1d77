using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

/// <summary>What another module may know of a staff account: who, where, which roles. No secrets.</summary>
[ModuleContract]
public sealed record StaffMember(Guid Id, string UserName, string DisplayName, string HomeUnitCode, string HomeUnitPath, IReadOnlyList<string> Roles, bool IsDisabled);

/// <summary>
/// Finds an officer by user name for another module (a complaint centre assigning an inquiry to an
/// officer outside its own jurisdiction). Reads across the force on purpose: the caller decides what
/// the officer may then see, and names the officer only by what it was told.
/// </summary>
[ModuleContract]
public sealed class StaffDirectory(NigehbanDbContext db)
{
    public async Task<StaffMember?> FindAsync(string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return null;
        }

        var name = userName.Trim();
        var account = await db.Set<StaffAccount>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.UserName == name)
            .Select(a => new { a.Id, a.UserName, a.DisplayName, a.HomeUnitCode, a.HomeUnitPath, a.Roles, a.IsDisabled })
            .FirstOrDefaultAsync(cancellationToken);
        return account is null ? null : new StaffMember(account.Id, account.UserName, account.DisplayName, account.HomeUnitCode, account.HomeUnitPath,
            account.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), account.IsDisabled);
    }
}
