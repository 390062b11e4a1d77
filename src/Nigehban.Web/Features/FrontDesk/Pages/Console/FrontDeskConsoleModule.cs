using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk.Pages.Console;

/// <summary>The front desk's staff pages in the console's drawer: the desk's three, the inquiry officer's list, the SHO's board.</summary>
public static class FrontDeskConsoleModule
{
    public static IServiceCollection AddFrontDeskConsole(this IServiceCollection services)
    {
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/front-desk/visitors", "Nav.FrontDeskVisitors", MudBlazor.Icons.Material.Outlined.Badge, Permissions.ComplaintsRegister, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/front-desk/complaints/new", "Nav.FrontDeskNewComplaint", MudBlazor.Icons.Material.Outlined.NoteAdd, Permissions.ComplaintsRegister, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/front-desk/today", "Nav.FrontDeskToday", MudBlazor.Icons.Material.Outlined.Today, Permissions.ComplaintsRegister, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/complaints", "Nav.StationComplaints", MudBlazor.Icons.Material.Outlined.FactCheck, Permissions.FrontDeskRead, ConsoleNavSection.Work, ExactMatch: true),
            new ConsoleNavItem("/console/complaints/board", "Nav.StationBoard", MudBlazor.Icons.Material.Outlined.ViewKanban, Permissions.CasesSupervise, ConsoleNavSection.Work));
        return services;
    }
}
