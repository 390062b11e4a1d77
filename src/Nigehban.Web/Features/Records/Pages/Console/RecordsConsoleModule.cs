using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.Pages.Console;

/// <summary>The person pages' drawer entry: person search (the profile opens from its results).</summary>
public static class RecordsConsoleModule
{
    public static IServiceCollection AddRecordsConsole(this IServiceCollection services) =>
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/persons", "Nav.Persons", MudBlazor.Icons.Material.Outlined.PersonSearch, Permissions.RecordsRead, ConsoleNavSection.Work));
}
