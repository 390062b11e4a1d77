using Nigehban.Web.Platform.Units;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity.CreateStaffAccount;

public sealed record CreateStaffRequest(
    [property: Required(ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.FieldRequired)),
        RegularExpression("^[a-zA-Z0-9._-]{2,64}$", ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.UserNameShape))] string UserName,
    [property: Required(ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.FieldRequired)),
        StringLength(120, MinimumLength = 2, ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.DisplayNameLength))] string DisplayName,
    [property: Required(ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.FieldRequired))] string UnitCode,
    [property: Required(ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.FieldRequired)),
        MinLength(1, ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.RolesAtLeastOne))] string[] Roles,
    [property: Required(ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.FieldRequired)),
        StringLength(128, MinimumLength = 12, ErrorMessageResourceType = typeof(IdentityErrors), ErrorMessageResourceName = nameof(IdentityErrors.PasswordLength))] string Password);

/// <summary>
/// An administrator creates a staff account; the answer carries its TOTP enrolment, shown this once.
/// New accounts are placed and granted within the bounds of ADR-024.
/// </summary>
public sealed class CreateStaffAccountHandler(
    NigehbanDbContext db,
    IPasswordHasher<StaffAccount> hasher,
    TotpSecrets totp,
    UnitDirectory units,
    ForcePack force,
    CurrentUser currentUser,
    JurisdictionScope scope,
    StaffAuthority authority,
    TimeProvider clock)
{
    public async Task<MfaEnrolment> CreateAsync(CreateStaffRequest request, CancellationToken cancellationToken)
    {
        // The endpoint validates the same attributes; pages and the seeder reach this method
        // directly, and the password rule must hold on every path.
        Validate(request);
        var userName = request.UserName.Trim().ToLowerInvariant();
        var unit = units.Find(request.UnitCode) ?? throw new ValidationFailedException("unitCode", IdentityErrors.Text("Unit.Unknown", request.UnitCode));
        var unknownRole = Array.FindIndex(request.Roles, r => r is null || !Roles.IsKnown(r));
        if (unknownRole >= 0)
        {
            throw new ValidationFailedException("roles", IdentityErrors.Text("Role.Unknown", request.Roles[unknownRole], string.Join(", ", Roles.All)));
        }

        EnsureMayGrant(unit, request.Roles);

        // User names are unique force-wide, whoever can see the account that holds one.
        if (await db.Set<StaffAccount>().IgnoreQueryFilters().AnyAsync(a => a.UserName == userName, cancellationToken))
        {
            throw Taken(userName);
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolations.IsOn(e, UserNameIndex(db)))
        {
            // Another administrator took the name between the check above and this insert.
            db.Entry(account).State = EntityState.Detached;
            throw Taken(userName);
        }

        return new MfaEnrolment(account.Id, userName, secret, TotpSecrets.ProvisioningUri(force.Name, userName, secret));
    }

    /// <summary>
    /// A signed-in administrator places accounts only within its own subtree (a unit outside it is
    /// answered like an unknown one) and grants only what <see cref="StaffAuthority"/> allows (403).
    /// Without a signed-in user this is system work (the demo seeder, tests): the API and the pages
    /// always have one.
    /// </summary>
    private void EnsureMayGrant(UnitInfo unit, string[] roles)
    {
        if (!currentUser.IsAuthenticated)
        {
            return;
        }

        if (!scope.Covers(unit))
        {
            throw new ValidationFailedException("unitCode", IdentityErrors.Text("Unit.NotInJurisdiction", unit.Code));
        }

        authority.EnsureMayGrant(roles);
    }

    private static ValidationFailedException Taken(string userName) => new("userName", IdentityErrors.Text("UserName.Taken", userName));

    private static Microsoft.EntityFrameworkCore.Metadata.IIndex UserNameIndex(NigehbanDbContext db) =>
        UniqueViolations.IndexOf<StaffAccount>(db, nameof(StaffAccount.UserName));

    private static void Validate(CreateStaffRequest request)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault();
            throw new ValidationFailedException(
                member is null ? "body" : JsonNamingPolicy.CamelCase.ConvertName(member),
                first.ErrorMessage ?? IdentityErrors.Text("Value.Invalid"));
        }
    }
}
