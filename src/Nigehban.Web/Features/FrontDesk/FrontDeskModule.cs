using Nigehban.Web.Components.Portal;
using Nigehban.Web.Features.FrontDesk.AssignInquiryOfficer;
using Nigehban.Web.Features.FrontDesk.ComplaintReceipt;
using Nigehban.Web.Features.FrontDesk.DisposeComplaint;
using Nigehban.Web.Features.FrontDesk.EscalateOverdueComplaints;
using Nigehban.Web.Features.FrontDesk.FileComplaint;
using Nigehban.Web.Features.FrontDesk.Pages.Console;
using Nigehban.Web.Features.FrontDesk.RateByReply;
using Nigehban.Web.Features.FrontDesk.RateComplaint;
using Nigehban.Web.Features.FrontDesk.ReadComplaints;
using Nigehban.Web.Features.FrontDesk.SeedDemoComplaints;
using Nigehban.Web.Features.FrontDesk.StartInquiry;
using Nigehban.Web.Features.FrontDesk.TrackComplaint;
using Nigehban.Web.Features.FrontDesk.TransferComplaint;
using Nigehban.Web.Features.FrontDesk.VisitorLog;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Hosting;

using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>The police-station front desk: complaints at stations (with their stage clocks) and the visitor log.</summary>
public static class FrontDeskModule
{
    public static IServiceCollection AddFrontDesk(this IServiceCollection services)
    {
        services.AddSingleton<FrontDeskPack>();
        services.AddPackFileReadAtStart<FrontDeskPack>();
        services.AddScoped<ComplaintClock>();
        services.AddScoped<ComplaintNotifications>();
        services.AddScoped<FileComplaintHandler>();
        services.AddScoped<TrackComplaintHandler>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(ComplaintTrackingCacheOptions.Section).Get<ComplaintTrackingCacheOptions>() ?? new ComplaintTrackingCacheOptions());
        services.AddSingleton<ComplaintTrackingCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ComplaintTrackingCacheInvalidation>();
        services.AddScoped<ReadComplaintsHandler>();
        services.AddScoped<AssignInquiryOfficerHandler>();
        services.AddScoped<StartInquiryHandler>();
        services.AddScoped<DisposeComplaintHandler>();
        services.AddScoped<TransferComplaintHandler>();
        services.AddScoped<RateComplaintHandler>();
        services.AddScoped<RateByReplyHandler>();
        services.AddScoped<ComplaintReceiptHandler>();
        services.AddScoped<IDocumentVerifier, ComplaintReceiptVerifier>();
        services.AddSingleton<ReceiptTickets>();
        services.AddOverdueSweep<EscalateOverdueComplaintsHandler>("FrontDesk");
        services.AddScoped<VisitorLogHandler>();
        services.AddSingleton(new CitizenTaskLink(CitizenTask.Complain, "/complaints/new"));
        services.AddScoped<DeskDisplay>();
        services.AddScoped<IDemoDataSeed, SeedDemoComplaints.SeedDemoComplaints>();
        services.AddFrontDeskConsole();
        services.AddScoped<ComplaintsForFir>();
        services.AddScoped<ComplaintLinks>();
        return services;
    }
}
