using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Cases.Pages.Console;

/// <summary>The FIR pages' drawer entries: the FIRs, the IO's cases, the station and district boards, the proclaimed offenders.</summary>
public static class CasesConsoleModule
{
    public static IServiceCollection AddCasesConsole(this IServiceCollection services) =>
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/firs", "Nav.Firs", MudBlazor.Icons.Material.Outlined.Gavel, Permissions.FirsRead, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/cases", "Nav.Cases", MudBlazor.Icons.Material.Outlined.Assignment, Permissions.CasesInvestigate, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/cases/board", "Nav.CaseBoard", MudBlazor.Icons.Material.Outlined.ViewKanban, Permissions.CasesSupervise, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/cases/district", "Nav.DistrictBoard", MudBlazor.Icons.Material.Outlined.Dashboard, Permissions.CasesSupervise, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/wanted", "Nav.Wanted", MudBlazor.Icons.Material.Outlined.PersonSearch, Permissions.FirsRead, ConsoleNavSection.Work));
}
