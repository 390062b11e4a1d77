using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity.UnlockStaffAccount;

/// <summary>Clears the lock; failures before the unlock no longer count towards the next one.</summary>
public sealed class UnlockStaffAccountHandler(NigehbanDbContext db, StaffAuthority authority)
{
    public const string UnlockedAction = "staff.unlocked";

    public async Task UnlockAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.FindStaffAccountAsync(accountId, cancellationToken);
        authority.EnsureMayActOn(account);
        account.LockedOutAt = null;
        account.FailedAttempts = 0;
        account.FailureWindowStartedAt = null;
        db.Audit.Record(new AuditEntry(UnlockedAction, nameof(StaffAccount), account.Id.ToString(), UnitPath: account.HomeUnitPath));
        await db.SaveChangesAsync(cancellationToken);
    }
}
