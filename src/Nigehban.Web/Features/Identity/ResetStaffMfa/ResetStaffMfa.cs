using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Identity.ResetStaffMfa;

/// <summary>A new TOTP enrolment replaces the old one at once: codes from the old enrolment fail and open sessions end.</summary>
public sealed class ResetStaffMfaHandler(NigehbanDbContext db, TotpSecrets totp, ForcePack force, StaffAuthority authority, TimeProvider clock)
{
    public const string ResetAction = "staff.mfa-reset";

    public async Task<MfaEnrolment> ResetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.FindStaffAccountAsync(accountId, cancellationToken);
        authority.EnsureMayActOn(account);
        var secret = TotpSecrets.NewSecret();
        account.ProtectedTotpSecret = totp.Protect(secret);
        // The used-step guard belongs to the old secret: the new one's first code is unused even
        // in the step of the last sign-in.
        account.LastTotpStep = null;
        await db.EndOpenSessionsAsync(account.Id, "MFA reset", clock.GetUtcNow(), cancellationToken);
        db.Audit.Record(new AuditEntry(ResetAction, nameof(StaffAccount), account.Id.ToString(), UnitPath: account.HomeUnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new MfaEnrolment(account.Id, account.UserName, secret, TotpSecrets.ProvisioningUri(force.Name, account.UserName, secret));
    }
}
