using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.Pages.Console;

/// <summary>The drawer entries: person search (the profile opens from its results), the station's alert inbox, the stolen-vehicle desk and the desk's employee registration.</summary>
public static class RecordsConsoleModule
{
    public static IServiceCollection AddRecordsConsole(this IServiceCollection services) =>
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/persons", "Nav.Persons", MudBlazor.Icons.Material.Outlined.PersonSearch, Permissions.RecordsRead, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/registration-alerts", "Nav.RegistrationAlerts", MudBlazor.Icons.Material.Outlined.NotificationImportant, Permissions.RegistrationAlertsHandle, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/stolen-vehicles", "Nav.StolenVehicles", MudBlazor.Icons.Material.Outlined.CarCrash, Permissions.RecordsRead, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/employee-registrations", "Nav.EmployeeRegistrations", MudBlazor.Icons.Material.Outlined.Badge, Permissions.RegistrationsTake, ConsoleNavSection.Work));
}
