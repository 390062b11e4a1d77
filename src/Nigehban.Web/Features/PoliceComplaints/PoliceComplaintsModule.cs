using Nigehban.Web.Components.Portal;
using Nigehban.Web.Features.PoliceComplaints.AssignPoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.EscalateOverdueComplaints;
using Nigehban.Web.Features.PoliceComplaints.InquirePoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.ListPoliceComplaints;
using Nigehban.Web.Features.PoliceComplaints.SubmitPoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.TrackPoliceComplaint;
using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>Complaints against police: the force's complaint centre (Punjab: 1787), its clocks and its secrecy.</summary>
public static class PoliceComplaintsModule
{
    public static IServiceCollection AddPoliceComplaints(this IServiceCollection services)
    {
        services.AddSingleton<PoliceComplaintPolicy>();
        services.AddSingleton(new CitizenTaskLink(CitizenTask.ComplainAboutPolice, "/police-complaints/new"));
        services.AddPackFileReadAtStart<PoliceComplaintPolicy>();
        services.AddScoped<PoliceComplaintAccess>();
        services.AddScoped<PoliceComplaintNotifications>();
        services.AddScoped<SubmitPoliceComplaintHandler>();
        services.AddScoped<TrackPoliceComplaintHandler>();
        services.AddScoped<AssignPoliceComplaintHandler>();
        services.AddScoped<InquirePoliceComplaintHandler>();
        services.AddScoped<ListPoliceComplaintsHandler>();
        services.AddOverdueSweep<EscalateOverdueComplaintsHandler>("PoliceComplaints");
        services.AddConsoleNavigation(new ConsoleNavItem("/console/police-complaints", "Nav.PoliceComplaints",
            MudBlazor.Icons.Material.Outlined.Gavel, Permissions.ConsoleAccess, ConsoleNavSection.Work));
        return services;
    }
}
