using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres.Pages.Console;

/// <summary>The service centre's staff pages: their drawer entries and the one query they need beyond the API's handlers.</summary>
public static class ServiceCentreConsoleModule
{
    public static IServiceCollection AddServiceCentreConsole(this IServiceCollection services)
    {
        services.AddScoped<ListSupportingDocumentsHandler>();
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/applications", "Nav.Applications", MudBlazor.Icons.Material.Outlined.Assignment, Permissions.ServiceRequestsRead, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/counter", "Nav.Counter", MudBlazor.Icons.Material.Outlined.Storefront, Permissions.ServiceRequestsProcess, ConsoleNavSection.Work));
        return services;
    }
}
