using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Nigehban.Web.Components.Localization;
using Nigehban.Web.Components.Portal;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Components;

/// <summary>
/// The Blazor shell: the static citizen portal, the staff login page and the interactive staff
/// console. Later modules add console navigation entries and citizen task links here.
/// </summary>
public static class UiModule
{
    public static IServiceCollection AddNigehbanUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddForceLocalization();

        // Inside a circuit there is no HttpContext: this hands the circuit's user to CurrentUser.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitUserBridge>());
        services.AddScoped<CircuitWork>();
        services.AddScoped<SelectedUnit>();

        services.AddSingleton<CitizenTasks>();
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console", "Nav.Home", MudBlazor.Icons.Material.Outlined.SpaceDashboard, Permissions.ConsoleAccess, ConsoleNavSection.Overview, ExactMatch: true),
            new ConsoleNavItem("/console/staff", "Nav.Staff", MudBlazor.Icons.Material.Outlined.ManageAccounts, Permissions.StaffManage, ConsoleNavSection.Administration),
            new ConsoleNavItem("/stations", "Nav.StationFinder", MudBlazor.Icons.Material.Outlined.LocalPolice, Permissions.ConsoleAccess, ConsoleNavSection.Public, StaticPage: true),
            new ConsoleNavItem("/", "Nav.Portal", MudBlazor.Icons.Material.Outlined.Public, Permissions.ConsoleAccess, ConsoleNavSection.Public, ExactMatch: true, StaticPage: true),
            new ConsoleNavItem("/scalar", "Nav.ApiReference", MudBlazor.Icons.Material.Outlined.Api, Permissions.ConsoleAccess, ConsoleNavSection.Public, StaticPage: true));
        return services;
    }

    public static WebApplication MapNigehbanUi(this WebApplication app)
    {
        // When running from build output, MapStaticAssets also maps a catch-all for files added
        // after the build, outside the conventions it returns, so it could carry no anonymous
        // marker. Files come from the build manifest; the catch-all only served dotnet-watch edits.
        app.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";
        app.MapStaticAssets().AllowAnonymous();
        app.MapLanguageSwitch();

        // Pages carry their component's [Authorize]/[AllowAnonymous]. The framework's own endpoints
        // (the _blazor hub, negotiate, disconnect, initializers, _framework/opaque-redirect) carry
        // neither: they are marked anonymous here, explicitly, so the endpoint test can demand a
        // marker everywhere. They authenticate nothing themselves; the circuit's principal comes
        // from the session and is revalidated (StaffSessionRevalidator).
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Finally(endpoint =>
            {
                if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
                {
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                }
            });
        return app;
    }

    /// <summary>How a module puts its pages in the console's drawer; each entry shows only to holders of its permission.</summary>
    public static IServiceCollection AddConsoleNavigation(this IServiceCollection services, params ConsoleNavItem[] items)
    {
        foreach (var item in items)
        {
            services.AddSingleton(item);
        }

        return services;
    }
}
