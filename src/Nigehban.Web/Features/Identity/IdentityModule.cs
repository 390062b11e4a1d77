using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Nigehban.Web.Features.Identity.CreateStaffAccount;
using Nigehban.Web.Features.Identity.GetStaffAccount;
using Nigehban.Web.Features.Identity.ListStaffAccounts;
using Nigehban.Web.Features.Identity.ResetStaffMfa;
using Nigehban.Web.Features.Identity.SetStaffStatus;
using Nigehban.Web.Features.Identity.UnlockStaffAccount;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Features.Identity;

public static class IdentityModule
{
    public static IServiceCollection AddStaffIdentity(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(SessionLimits.Section).Get<SessionLimits>() ?? new SessionLimits());

        // Keys live outside the database: a stolen database alone does not reveal TOTP secrets.
        services.AddDataProtection().SetApplicationName("Nigehban");
        // The key manager warns at every new key that the key is stored unencrypted: on one machine
        // the keys are protected by the data folder's permissions, as OPERATIONS.md says (ADR-039).
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));
        services.AddOptions<KeyManagementOptions>().Configure<StorageOptions>((options, storage) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(storage.Resolve("keys")), NullLoggerFactory.Instance));

        services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.AddSingleton<TotpSecrets>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<SignInStaffHandler>();
        services.AddScoped<StaffAuthority>();
        services.AddScoped<CreateStaffAccountHandler>();
        services.AddScoped<GetStaffAccountHandler>();
        services.AddScoped<ListStaffAccountsHandler>();
        services.AddScoped<ResetStaffMfaHandler>();
        services.AddScoped<UnlockStaffAccountHandler>();
        services.AddScoped<SetStaffStatusHandler>();
        services.AddCliVerb<UnlockAccountVerb>();

        // Demo staff: one account per role, their logins printed at start and their codes on demand.
        services.AddSingleton<DemoAccounts>();
        services.AddScoped<IDemoDataSeed, SeedDemoStaff>();
        services.AddStartupStep<PrintDemoLogins>();
        services.AddCliVerb<DemoOtpVerb>();

        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPermissionPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditDeniedAccess>();

        // Blazor circuits: the principal reaches CurrentUser, and the session is rechecked every minute.
        services.AddScoped<CircuitActivity>();
        services.AddScoped<AuthenticationStateProvider, StaffSessionRevalidator>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitUserHandler>());
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
