using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

public sealed record SignInRequest(string? UserName, string? Password, string? Otp);

/// <summary>A new session: <see cref="Token"/> is shown to the client once and stored only as a hash.</summary>
public sealed record SignInResult(string Token, DateTimeOffset ExpiresAt, Guid AccountId);

/// <summary>
/// Checks password and TOTP and opens a server-side session. Unknown user, wrong password, wrong
/// code, disabled and locked accounts all fail the same way (null), so the answer tells an
/// attacker nothing; the audit trail records the real reason.
/// </summary>
public sealed class SignInStaffHandler(
    NigehbanDbContext db,
    IPasswordHasher<StaffAccount> hasher,
    TotpSecrets totp,
    SessionLimits limits,
    TimeProvider clock)
{
    public async Task<SignInResult?> HandleAsync(SignInRequest request, SessionKind kind, string? ipAddress, CancellationToken cancellationToken)
    {
        var userName = request.UserName?.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        var account = string.IsNullOrEmpty(userName)
            ? null
            : await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.UserName == userName, cancellationToken);

        if (account is null)
        {
            // Hash anyway so that an unknown user costs the same time as a known one.
            hasher.HashPassword(new StaffAccount { UserName = "", DisplayName = "", PasswordHash = "", ProtectedTotpSecret = "", HomeUnitCode = "", HomeUnitPath = "", Roles = "" }, request.Password ?? string.Empty);
            return await FailAsync(null, userName, "unknown user", cancellationToken);
        }

        if (account.IsDisabled)
        {
            return await FailAsync(account, userName, "account disabled", cancellationToken);
        }

        if (account.LockedOutAt is not null)
        {
            return await FailAsync(account, userName, "account locked", cancellationToken);
        }

        var passwordOk = !string.IsNullOrEmpty(request.Password)
            && hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        var otpOk = passwordOk && totp.Verify(account.ProtectedTotpSecret, request.Otp?.Trim());
        if (!passwordOk || !otpOk)
        {
            RegisterFailure(account, now);
            var reason = !passwordOk ? "wrong password" : "wrong one-time code";
            if (account.LockedOutAt is not null)
            {
                reason += "; account locked";
            }

            return await FailAsync(account, userName, reason, cancellationToken);
        }

        account.FailedAttempts = 0;
        account.FailureWindowStartedAt = null;
        account.LastSignInAt = now;

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var session = new StaffSession
        {
            Id = Guid.CreateVersion7(),
            TokenHash = HashToken(token),
            AccountId = account.Id,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            AbsoluteExpiresAt = now + limits.AbsoluteLifetime,
            IpAddress = ipAddress,
        };
        db.Add(session);
        db.Audit.Record(new AuditEntry("auth.sign-in", nameof(StaffAccount), account.Id.ToString(), Details: $"{kind} session {session.Id}", UnitPath: account.HomeUnitPath), account.Id, account.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(token, Earliest(now + limits.IdleTimeout, session.AbsoluteExpiresAt), account.Id);
    }

    private void RegisterFailure(StaffAccount account, DateTimeOffset now)
    {
        if (account.FailureWindowStartedAt is null || now - account.FailureWindowStartedAt > limits.FailureWindow)
        {
            account.FailureWindowStartedAt = now;
            account.FailedAttempts = 0;
        }

        account.FailedAttempts++;
        if (account.FailedAttempts >= limits.MaxFailedAttempts)
        {
            account.LockedOutAt = now;
        }
    }

    private async Task<SignInResult?> FailAsync(StaffAccount? account, string? userName, string reason, CancellationToken cancellationToken)
    {
        db.Audit.Record(new AuditEntry("auth.sign-in", nameof(StaffAccount), account?.Id.ToString() ?? userName, AuditOutcome.Denied, reason), account?.Id, userName);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
