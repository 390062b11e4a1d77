using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection.Pages.Console;

/// <summary>The protection pages in the console's drawer: the desk, intake, and the partners' referrals.</summary>
public static class ProtectionConsoleModule
{
    public static IServiceCollection AddProtectionConsole(this IServiceCollection services)
    {
        services.AddScoped<ProtectionDisplay>();
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/protection", "Nav.ProtectionDesk", MudBlazor.Icons.Material.Outlined.Shield, Permissions.ProtectionCasesWork, ConsoleNavSection.Work, ExactMatch: true),
            new ConsoleNavItem("/console/protection/chats", "Nav.VirtualDeskChats", MudBlazor.Icons.Material.Outlined.Forum, Permissions.ProtectionCasesWork, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/protection/new", "Nav.ProtectionNewCase", MudBlazor.Icons.Material.Outlined.NoteAdd, Permissions.ProtectionCasesWork, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/protection/board", "Nav.ProtectionBoard", MudBlazor.Icons.Material.Outlined.Dashboard, Permissions.CasesSupervise, ConsoleNavSection.Work),
            new ConsoleNavItem("/console/protection/referrals", "Nav.PartnerReferrals", MudBlazor.Icons.Material.Outlined.Handshake, Permissions.ProtectionReferralsRespond, ConsoleNavSection.Work));
        return services;
    }
}
