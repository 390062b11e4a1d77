using System.Security.Claims;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// The bound on an administrator that the query filter does not draw (ADR-024): it grants only the
/// roles <see cref="Roles.MayGrant"/> allows, and it disables, enables, resets the MFA of or
/// unlocks only accounts whose every role it could have granted. A district administrator could
/// otherwise lock its district's auditor out, or take the account over through an MFA reset.
/// Work without a signed-in officer (the demo seeder, tests in process) and the operator at the
/// command line, who already holds the data folder and database, are not bounded.
/// </summary>
public sealed class StaffAuthority(CurrentUser currentUser, JurisdictionScope scope)
{
    /// <summary>Refuses with 403 naming <c>roles</c> the first role the caller may not grant.</summary>
    public void EnsureMayGrant(IEnumerable<string> roles)
    {
        if (FirstWithheld(roles) is { } withheld)
        {
            throw new ForbiddenException(IdentityErrors.Text("Role.Withheld", withheld), "roles");
        }
    }

    /// <summary>Refuses, as a refused grant is refused, an action on an account holding a role the caller may not grant.</summary>
    public void EnsureMayActOn(StaffAccount account)
    {
        if (FirstWithheld(account.RoleList) is { } withheld)
        {
            throw new ForbiddenException(IdentityErrors.Text("Account.RoleWithheld", withheld), "roles");
        }
    }

    private string? FirstWithheld(IEnumerable<string> roles)
    {
        if (!currentUser.IsAuthenticated || currentUser.IsCommandLineOperator)
        {
            return null;
        }

        var held = currentUser.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return roles.FirstOrDefault(r => !Roles.MayGrant(held, scope.IsForceWide, r));
    }
}
