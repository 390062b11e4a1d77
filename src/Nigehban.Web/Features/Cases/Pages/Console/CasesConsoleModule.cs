using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Cases.Pages.Console;

/// <summary>The FIR pages' drawer entry.</summary>
public static class CasesConsoleModule
{
    public static IServiceCollection AddCasesConsole(this IServiceCollection services) =>
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/firs", "Nav.Firs", MudBlazor.Icons.Material.Outlined.Gavel, Permissions.FirsRead, ConsoleNavSection.Work));
}
