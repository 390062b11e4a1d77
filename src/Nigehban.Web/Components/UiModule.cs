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
        app.MapStaticAssets().AllowAnonymous();
        app.MapLanguageSwitch();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
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
