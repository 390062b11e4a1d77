using Nigehban.Web.Features.FrontDesk.AssignInquiryOfficer;
using Nigehban.Web.Features.FrontDesk.DisposeComplaint;
using Nigehban.Web.Features.FrontDesk.EscalateOverdueComplaints;
using Nigehban.Web.Features.FrontDesk.FileComplaint;
using Nigehban.Web.Features.FrontDesk.RateComplaint;
using Nigehban.Web.Features.FrontDesk.ReadComplaints;
using Nigehban.Web.Features.FrontDesk.StartInquiry;
using Nigehban.Web.Features.FrontDesk.TrackComplaint;
using Nigehban.Web.Features.FrontDesk.TransferComplaint;
using Nigehban.Web.Features.FrontDesk.VisitorLog;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>The police-station front desk: complaints at stations (with their stage clocks) and the visitor log.</summary>
public static class FrontDeskModule
{
    public static IServiceCollection AddFrontDesk(this IServiceCollection services)
    {
        services.AddSingleton<FrontDeskPack>();
        services.AddStartupStep<LoadFrontDeskPackAtStart>();
        services.AddScoped<ComplaintClock>();
        services.AddScoped<ComplaintNotifications>();
        services.AddScoped<FileComplaintHandler>();
        services.AddScoped<TrackComplaintHandler>();
        services.AddScoped<ReadComplaintsHandler>();
        services.AddScoped<AssignInquiryOfficerHandler>();
        services.AddScoped<StartInquiryHandler>();
        services.AddScoped<DisposeComplaintHandler>();
        services.AddScoped<TransferComplaintHandler>();
        services.AddScoped<RateComplaintHandler>();
        services.AddScoped<EscalateOverdueComplaintsHandler>();
        services.AddHostedService<OverdueComplaintsWatcher>();
        services.AddScoped<VisitorLogHandler>();
        services.AddScoped<ComplaintsForFir>();
        return services;
    }
}
