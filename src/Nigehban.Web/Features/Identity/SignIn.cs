using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Identity.UnlockStaffAccount;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

public sealed record SignInRequest(string? UserName, string? Password, string? Otp);

/// <summary>A new session: <see cref="Token"/> is shown to the client once and stored only as a hash.</summary>
public sealed record SignInResult(string Token, DateTimeOffset ExpiresAt, Guid AccountId, Guid SessionId);

/// <summary>
/// What a sign-in attempt came to: a session, or a refusal. A refusal is the same for every reason
/// but one: a right password with a right code already used, which its holder is told (ADR-036).
/// </summary>
public sealed record SignInOutcome(SignInResult? Session, bool CodeAlreadyUsed = false)
{
    public static readonly SignInOutcome Refused = new(Session: null);
}

/// <summary>
/// Checks password and TOTP and opens a server-side session. Unknown user, wrong password, wrong
/// code, disabled and locked accounts all fail the same way, so the answer tells an attacker
/// nothing; the audit trail records the real reason. Only a replayed code on a right password is
/// named, for the officer who just used it (ADR-036).
/// </summary>
public sealed class SignInStaffHandler(
    NigehbanDbContext db,
    IPasswordHasher<StaffAccount> hasher,
    TotpSecrets totp,
    SessionLimits limits,
    TimeProvider clock)
{
    public const string AuditAction = "auth.sign-in";
    public const string LockedOutAction = "staff.locked-out";

    /// <summary>The recorded reasons that count towards lockout (the audit trail is the failure log).</summary>
    public const string WrongPassword = "wrong password";
    public const string WrongCode = "wrong one-time code";

    /// <summary>A right code of a time step already used: a sign-in with a code someone else saw (counts towards lockout too).</summary>
    public const string CodeAlreadyUsed = "one-time code already used";

    private static readonly StaffAccount Decoy = new()
    {
        UserName = "", DisplayName = "", PasswordHash = "", ProtectedTotpSecret = "", HomeUnitCode = "", HomeUnitPath = "", Roles = "",
    };

    public async Task<SignInOutcome> HandleAsync(SignInRequest request, SessionKind kind, string? ipAddress, CancellationToken cancellationToken)
    {
        var userName = request.UserName?.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        var account = string.IsNullOrEmpty(userName) || userName.Length > 64
            ? null
            // Nobody is signed in yet, so no scope exists: the user name alone finds the account.
            : await db.Set<StaffAccount>().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.UserName == userName, cancellationToken);

        // The password is hashed on every path, first, so that an unknown, disabled or locked
        // account answers in the same time as a wrong password: timing says nothing either.
        var password = request.Password ?? string.Empty;
        if (account is null)
        {
            hasher.HashPassword(Decoy, password);
            return await FailAsync(null, userName, "unknown user", cancellationToken);
        }

        var passwordCheck = password.Length == 0
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (account.IsDisabled)
        {
            return await FailAsync(account, userName, "account disabled", cancellationToken);
        }

        if (account.LockedOutAt is not null)
        {
            return await FailAsync(account, userName, "account locked", cancellationToken);
        }

        if (passwordCheck == PasswordVerificationResult.Failed)
        {
            return await RegisterFailureAsync(account, now, WrongPassword, cancellationToken);
        }

        if (!totp.Verify(account.ProtectedTotpSecret, request.Otp?.Trim(), out var timeStep))
        {
            return await RegisterFailureAsync(account, now, WrongCode, cancellationToken);
        }

        if (timeStep <= account.LastTotpStep)
        {
            return await RegisterFailureAsync(account, now, CodeAlreadyUsed, cancellationToken) with { CodeAlreadyUsed = account.LockedOutAt is null };
        }

        if (passwordCheck == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
        }

        account.FailedAttempts = 0;
        account.FailureWindowStartedAt = null;
        account.LastSignInAt = now;
        account.LastTotpStep = timeStep;

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
        db.Audit.Record(new AuditEntry(AuditAction, nameof(StaffAccount), account.Id.ToString(), Details: $"{kind} session {session.Id}", UnitPath: account.HomeUnitPath), account.Id, account.UserName);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another sign-in used this code (or a later one) first: this one is a replay, a
            // failure like the one above, counted on the account as it is now.
            db.ChangeTracker.Clear();
            var current = await db.Set<StaffAccount>().IgnoreQueryFilters().FirstAsync(a => a.Id == account.Id, cancellationToken);
            return await RegisterFailureAsync(current, now, CodeAlreadyUsed, cancellationToken) with { CodeAlreadyUsed = current.LockedOutAt is null };
        }

        // The session expires at the idle limit unless it is used; the absolute limit caps it.
        return new SignInOutcome(new SignInResult(token, Earliest(now + limits.IdleTimeout, session.AbsoluteExpiresAt), account.Id, session.Id));
    }

    /// <summary>
    /// A sliding window: the account locks when this failure and those recorded in the last
    /// <see cref="SessionLimits.FailureWindow"/> reach the limit. Only failures after the last
    /// successful sign-in or unlock count. (A counter that restarts when its window runs out would
    /// let nearly twice the limit through across a window boundary.)
    /// </summary>
    private async Task<SignInOutcome> RegisterFailureAsync(StaffAccount account, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        var accountId = account.Id.ToString();
        var events = db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking().Where(e => e.ObjectType == nameof(StaffAccount) && e.ObjectId == accountId);
        var countFrom = await events
            .Where(e => (e.Action == AuditAction && e.Outcome == AuditOutcome.Success) || e.Action == UnlockStaffAccountHandler.UnlockedAction)
            .MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var windowStart = now - limits.FailureWindow;
        var earlier = await events
            .Where(e => e.Id > countFrom
                && e.Action == AuditAction && e.Outcome == AuditOutcome.Denied
                && (e.Details == WrongPassword || e.Details == WrongCode || e.Details == CodeAlreadyUsed)
                && e.OccurredAt > windowStart)
            .Select(e => e.OccurredAt)
            .ToListAsync(cancellationToken);

        // Kept on the account for administrators to see; the decision is made from the trail above.
        account.FailedAttempts = earlier.Count + 1;
        account.FailureWindowStartedAt = earlier.Count == 0 ? now : earlier.Min();
        db.Audit.Record(new AuditEntry(AuditAction, nameof(StaffAccount), accountId, AuditOutcome.Denied, reason, account.HomeUnitPath), account.Id, account.UserName);
        if (account.FailedAttempts >= limits.MaxFailedAttempts)
        {
            account.LockedOutAt = now;
            db.Audit.Record(
                new AuditEntry(LockedOutAction, nameof(StaffAccount), accountId, Details: $"{account.FailedAttempts} failed sign-ins within {limits.FailureWindow}", UnitPath: account.HomeUnitPath),
                account.Id, account.UserName);
        }

        await db.SaveChangesAsync(cancellationToken);
        return SignInOutcome.Refused;
    }

    private async Task<SignInOutcome> FailAsync(StaffAccount? account, string? userName, string reason, CancellationToken cancellationToken)
    {
        db.Audit.Record(new AuditEntry(AuditAction, nameof(StaffAccount), account?.Id.ToString() ?? userName, AuditOutcome.Denied, reason, account?.HomeUnitPath), account?.Id, userName);
        await db.SaveChangesAsync(cancellationToken);
        return SignInOutcome.Refused;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
