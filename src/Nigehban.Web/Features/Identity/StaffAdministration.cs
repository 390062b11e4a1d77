using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

/// <summary>The TOTP secret is returned exactly once, when it is created or reset, for enrolment in an authenticator app.</summary>
public sealed record MfaEnrolment(Guid AccountId, string UserName, string TotpSecret, string ProvisioningUri);

public sealed record StaffSummary(Guid Id, string UserName, string DisplayName, string UnitCode, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut, DateTimeOffset? LastSignInAt);

/// <summary>What the administrator's use cases on one staff account share: finding it, and ending its sessions.</summary>
internal static class StaffAdministration
{
    public static StaffSummary Summarise(StaffAccount a) =>
        new(a.Id, a.UserName, a.DisplayName, a.HomeUnitCode, a.RoleList, a.IsDisabled, a.LockedOutAt != null, a.LastSignInAt);

    public static async Task<StaffAccount> FindStaffAccountAsync(this NigehbanDbContext db, Guid accountId, CancellationToken cancellationToken) =>
        await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
        ?? throw new NotFoundException("id", IdentityErrors.Text("Account.Unknown"));

    /// <summary>Marks every open session ended; the caller's save writes it in the same transaction as the change.</summary>
    public static async Task EndOpenSessionsAsync(this NigehbanDbContext db, Guid accountId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Set<StaffSession>().Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
    }
}
