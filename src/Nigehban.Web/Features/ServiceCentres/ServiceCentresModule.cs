using Nigehban.Web.Features.ServiceCentres.CallNextToken;
using Nigehban.Web.Features.ServiceCentres.IssueSignedDocument;
using Nigehban.Web.Features.ServiceCentres.IssueToken;
using Nigehban.Web.Features.ServiceCentres.ListTodaysTokens;
using Nigehban.Web.Features.ServiceCentres.Pages.Console;
using Nigehban.Web.Features.ServiceCentres.Pages.Portal;
using Nigehban.Web.Features.ServiceCentres.ReadQueueScreen;
using Nigehban.Web.Features.ServiceCentres.RenderIssuedDocument;
using Nigehban.Web.Features.ServiceCentres.ServeToken;
using Nigehban.Web.Features.ServiceCentres.SetCounter;
using Nigehban.Web.Features.ServiceCentres.VerifyIssuedDocument;
using Nigehban.Web.Features.ServiceCentres.WatchQueueScreen;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.ServiceCentres;

public static class ServiceCentresModule
{
    public static IServiceCollection AddServiceCentres(this IServiceCollection services)
    {
        services.AddSingleton<ServiceCatalogue>();
        services.AddPackFileReadAtStart<ServiceCatalogue>();
        services.AddScoped<ServiceRequestClock>();
        services.AddScoped<ServiceRequestNotifications>();
        services.AddScoped<SubmitServiceRequestHandler>();
        services.AddScoped<TrackServiceRequestHandler>();
        services.AddScoped<RateServiceRequest.RateServiceRequestHandler>();
        // Options read when first resolved, so hosts and tests can still change configuration; see ADR-015.
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(TrackingCacheOptions.Section).Get<TrackingCacheOptions>() ?? new TrackingCacheOptions());
        services.AddSingleton<TrackingCache>();
        services.AddSingleton<IInterceptor, TrackingCacheInvalidation>();
        services.AddScoped<ListServiceRequestsHandler>();
        services.AddScoped<GetServiceRequestHandler>();
        services.AddScoped<ReadServiceRequestStampHandler>();
        services.AddScoped<ProcessServiceRequestHandler>();
        services.AddScoped<RecordFeePaymentHandler>();
        services.AddScoped<QueueDesk>();
        services.AddScoped<IssueTokenHandler>();
        services.AddScoped<CallNextTokenHandler>();
        services.AddScoped<ServeTokenHandler>();
        services.AddScoped<SetCounterHandler>();
        services.AddScoped<ListTodaysTokensHandler>();
        services.AddScoped<ReadQueueScreenHandler>();
        services.AddSingleton<QueueChanges>();
        services.AddScoped<WatchQueueScreenHandler>();
        services.AddScoped<UploadSupportingDocumentHandler>();
        services.AddSingleton(provider => SupportingDocumentLimits.From(provider.GetRequiredService<IConfiguration>()));
        services.AddScoped<IServiceRequestIssuer, SignedDocumentIssuer>();
        services.AddScoped<VerifyDocumentHandler>();
        services.AddScoped<RenderIssuedDocumentHandler>();
        services.AddScoped<OpenSupportingDocumentHandler>();
        services.AddSingleton<CertificateDownloadTickets>();
        services.AddScoped<DocumentLinks>();
        services.AddScoped<ServiceDeliveryStatisticsHandler>();
        services.AddOverdueSweep<EscalateOverdueRequestsHandler>("ServiceCentres");
        services.AddScoped<IDemoDataSeed, SeedDemoCentre>();
        services.AddScoped<IDemoDataSeed, SeedDemoHistory.SeedDemoHistory>();
        services.AddServiceCentreConsole();
        services.AddServiceCentrePortal();
        return services;
    }
}
