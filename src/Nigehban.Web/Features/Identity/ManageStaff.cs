using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

public sealed record CreateStaffRequest(
    [property: Required, RegularExpression("^[a-zA-Z0-9._-]{2,64}$", ErrorMessage = "2-64 letters, digits, '.', '_' or '-'.")] string UserName,
    [property: Required, StringLength(120, MinimumLength = 2)] string DisplayName,
    [property: Required] string UnitCode,
    [property: Required, MinLength(1)] string[] Roles,
    [property: Required, StringLength(128, MinimumLength = 12, ErrorMessage = "Passwords have at least 12 characters.")] string Password);

/// <summary>The TOTP secret is returned exactly once, when it is created or reset, for enrolment in an authenticator app.</summary>
public sealed record MfaEnrolment(Guid AccountId, string UserName, string TotpSecret, string ProvisioningUri);

public sealed record StaffSummary(Guid Id, string UserName, string DisplayName, string UnitCode, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut, DateTimeOffset? LastSignInAt);

/// <summary>Administrator actions on staff accounts. Pages and API call these same methods.</summary>
public sealed class ManageStaffHandler(
    NigehbanDbContext db,
    IPasswordHasher<StaffAccount> hasher,
    TotpSecrets totp,
    UnitDirectory units,
    ForcePack force,
    CurrentUser currentUser,
    TimeProvider clock)
{
    public const string UnlockedAction = "staff.unlocked";

    public async Task<MfaEnrolment> CreateAsync(CreateStaffRequest request, CancellationToken cancellationToken)
    {
        // The endpoint validates the same attributes; pages and the seeder reach this method
        // directly, and the password rule must hold on every path.
        Validate(request);
        var userName = request.UserName.Trim().ToLowerInvariant();
        var unit = units.Find(request.UnitCode) ?? throw new ValidationFailedException("unitCode", $"No unit has the code '{request.UnitCode}'.");
        var unknownRole = Array.FindIndex(request.Roles, r => r is null || !Roles.IsKnown(r));
        if (unknownRole >= 0)
        {
            throw new ValidationFailedException("roles", $"'{request.Roles[unknownRole]}' is not a role. Roles: {string.Join(", ", Roles.All)}.");
        }

        if (await db.Set<StaffAccount>().AnyAsync(a => a.UserName == userName, cancellationToken))
        {
            throw new ValidationFailedException("userName", $"The user name '{userName}' is taken.");
        }

        var secret = TotpSecrets.NewSecret();
        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = request.DisplayName.Trim(),
            PasswordHash = string.Empty,
            ProtectedTotpSecret = totp.Protect(secret),
            HomeUnitCode = unit.Code,
            HomeUnitPath = unit.Path,
            Roles = string.Join(',', request.Roles.Distinct(StringComparer.Ordinal)),
            CreatedAt = clock.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, request.Password);
        db.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return new MfaEnrolment(account.Id, userName, secret, TotpSecrets.ProvisioningUri(force.Name, userName, secret));
    }

    public async Task<StaffSummary> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.Set<StaffAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new NotFoundException("id", "No staff account has this id.");
        return Summarise(account);
    }

    /// <summary>A new secret replaces the old one at once: codes from the old enrolment fail and open sessions end.</summary>
    public async Task<MfaEnrolment> ResetMfaAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(accountId, cancellationToken);
        var secret = TotpSecrets.NewSecret();
        account.ProtectedTotpSecret = totp.Protect(secret);
        // The used-step guard belongs to the old secret: the new one's first code is unused even
        // in the step of the last sign-in.
        account.LastTotpStep = null;
        await EndSessionsAsync(account.Id, "MFA reset", cancellationToken);
        db.Audit.Record(new AuditEntry("staff.mfa-reset", nameof(StaffAccount), account.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return new MfaEnrolment(account.Id, account.UserName, secret, TotpSecrets.ProvisioningUri(force.Name, account.UserName, secret));
    }

    /// <summary>Clears the lock; failures before the unlock no longer count towards the next one.</summary>
    public async Task UnlockAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(accountId, cancellationToken);
        account.LockedOutAt = null;
        account.FailedAttempts = 0;
        account.FailureWindowStartedAt = null;
        db.Audit.Record(new AuditEntry(UnlockedAction, nameof(StaffAccount), account.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Disabling ends every open session of the account in the same transaction: the next request is refused.</summary>
    public async Task SetDisabledAsync(Guid accountId, bool disabled, CancellationToken cancellationToken)
    {
        // An administrator who disables themselves may leave the force with nobody to undo it.
        if (disabled && currentUser.AccountId == accountId)
        {
            throw new RuleViolationException("You cannot disable your own account; ask another administrator.");
        }

        var account = await FindAsync(accountId, cancellationToken);
        account.IsDisabled = disabled;
        if (disabled)
        {
            await EndSessionsAsync(account.Id, "account disabled", cancellationToken);
        }

        db.Audit.Record(new AuditEntry(disabled ? "staff.disabled" : "staff.enabled", nameof(StaffAccount), account.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
    }

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

    private static StaffSummary Summarise(StaffAccount a) =>
        new(a.Id, a.UserName, a.DisplayName, a.HomeUnitCode, a.RoleList, a.IsDisabled, a.LockedOutAt != null, a.LastSignInAt);

    private static void Validate(CreateStaffRequest request)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault();
            throw new ValidationFailedException(
                member is null ? "body" : JsonNamingPolicy.CamelCase.ConvertName(member),
                first.ErrorMessage ?? "The value is not valid.");
        }
    }

    private async Task<StaffAccount> FindAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
        ?? throw new NotFoundException("id", "No staff account has this id.");

    private async Task EndSessionsAsync(Guid accountId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.Set<StaffSession>().Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
    }
}
