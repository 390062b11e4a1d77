using Microsoft.EntityFrameworkCore.Diagnostics;
using Nigehban.Web.Features.ServiceCentres.Pages.Console;
using Nigehban.Web.Features.ServiceCentres.Pages.Portal;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.ServiceCentres;

public static class ServiceCentresModule
{
    public static IServiceCollection AddServiceCentres(this IServiceCollection services)
    {
        services.AddSingleton<ServiceCatalogue>();
        services.AddStartupStep<LoadServiceCatalogueAtStart>();
        services.AddScoped<ServiceRequestClock>();
        services.AddScoped<ServiceRequestNotifications>();
        services.AddScoped<SubmitServiceRequestHandler>();
        services.AddScoped<TrackServiceRequestHandler>();
        // Options read when first resolved, so hosts and tests can still change configuration; see ADR-015.
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(TrackingCacheOptions.Section).Get<TrackingCacheOptions>() ?? new TrackingCacheOptions());
        services.AddSingleton<TrackingCache>();
        services.AddSingleton<IInterceptor, TrackingCacheInvalidation>();
        services.AddScoped<ListServiceRequestsHandler>();
        services.AddScoped<ProcessServiceRequestHandler>();
        services.AddScoped<RecordFeePaymentHandler>();
        services.AddScoped<ManageQueueHandler>();
        services.AddScoped<UploadSupportingDocumentHandler>();
        services.AddScoped<IServiceRequestIssuer, IssueSignedDocument>();
        services.AddScoped<VerifyDocumentHandler>();
        services.AddScoped<RenderIssuedDocumentHandler>();
        services.AddScoped<DocumentLinks>();
        services.AddScoped<EscalateOverdueRequestsHandler>();
        services.AddScoped<ServiceDeliveryStatisticsHandler>();
        services.AddHostedService<OverdueRequestsWatcher>();
        services.AddScoped<IDemoDataSeed, SeedDemoCentre>();
        services.AddSingleton<Platform.Documents.DocumentSigner>();
        services.AddServiceCentreConsole();
        services.AddServiceCentrePortal();
        return services;
    }
}
