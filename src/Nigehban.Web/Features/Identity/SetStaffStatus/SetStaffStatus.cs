using System.ComponentModel.DataAnnotations;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity.SetStaffStatus;

public enum StaffStatus
{
    Active,
    Disabled,
}

/// <summary>Nullable so that a body without a status is refused rather than read as Active.</summary>
public sealed record SetStaffStatusRequest([property: Required] StaffStatus? Status);

/// <summary>Disabling ends every open session of the account in the same transaction: the next request is refused.</summary>
public sealed class SetStaffStatusHandler(NigehbanDbContext db, CurrentUser currentUser, StaffAuthority authority, TimeProvider clock)
{
    public async Task SetAsync(Guid accountId, StaffStatus status, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ValidationFailedException("status", IdentityErrors.Text("Status.OneOf", string.Join(", ", Enum.GetNames<StaffStatus>())));
        }

        var disabled = status == StaffStatus.Disabled;
        // An administrator who disables themselves may leave the force with nobody to undo it.
        if (disabled && currentUser.AccountId == accountId)
        {
            throw new RuleViolationException(IdentityErrors.Text("Status.NotYourself"));
        }

        var account = await db.FindStaffAccountAsync(accountId, cancellationToken);
        authority.EnsureMayActOn(account);
        account.IsDisabled = disabled;
        if (disabled)
        {
            await db.EndOpenSessionsAsync(account.Id, "account disabled", clock.GetUtcNow(), cancellationToken);
        }

        db.Audit.Record(new AuditEntry(disabled ? "staff.disabled" : "staff.enabled", nameof(StaffAccount), account.Id.ToString(), UnitPath: account.HomeUnitPath));
        await db.SaveChangesAsync(cancellationToken);
    }
}
