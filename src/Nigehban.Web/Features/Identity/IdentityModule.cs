using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Features.Identity;

public static class IdentityModule
{
    public static IServiceCollection AddStaffIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var limits = configuration.GetSection(SessionLimits.Section).Get<SessionLimits>() ?? new SessionLimits();
        services.AddSingleton(limits);

        // Keys live outside the database: a stolen database alone does not reveal TOTP secrets.
        services.AddDataProtection()
            .SetApplicationName("Nigehban")
            .PersistKeysToFileSystem(new DirectoryInfo(storage.Resolve("keys")));

        services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.AddSingleton<TotpSecrets>();
        services.AddScoped<SignInStaffHandler>();
        services.AddScoped<ManageStaffHandler>();

        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPermissionPolicies();
        return services;
    }

    /// <summary>One policy per permission constant, named after it.</summary>
    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(NigehbanClaims.Permission, permission));
        }

        return builder;
    }
}
