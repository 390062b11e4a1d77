using Nigehban.Web.Features.PoliceComplaints.AssignPoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.EscalateOverdueComplaints;
using Nigehban.Web.Features.PoliceComplaints.InquirePoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.ListPoliceComplaints;
using Nigehban.Web.Features.PoliceComplaints.SubmitPoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.TrackPoliceComplaint;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>Complaints against police: the force's complaint centre (Punjab: 1787), its clocks and its secrecy.</summary>
public static class PoliceComplaintsModule
{
    public static IServiceCollection AddPoliceComplaints(this IServiceCollection services)
    {
        services.AddSingleton<PoliceComplaintPolicy>();
        services.AddStartupStep<LoadPoliceComplaintPolicyAtStart>();
        services.AddScoped<PoliceComplaintAccess>();
        services.AddScoped<PoliceComplaintNotifications>();
        services.AddScoped<SubmitPoliceComplaintHandler>();
        services.AddScoped<TrackPoliceComplaintHandler>();
        services.AddScoped<AssignPoliceComplaintHandler>();
        services.AddScoped<InquirePoliceComplaintHandler>();
        services.AddScoped<ListPoliceComplaintsHandler>();
        services.AddScoped<EscalateOverdueComplaintsHandler>();
        services.AddHostedService<OverdueComplaintsWatcher>();
        return services;
    }
}
