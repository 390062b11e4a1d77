using Microsoft.AspNetCore.Http.Metadata;
using Nigehban.Web.Components;
using Nigehban.Web.Components.Pages;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Dashboard.Pages;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Features.PoliceComplaints;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Api;

namespace Nigehban.Web;

/// <summary>
/// The composition root: each module adds its services and maps its endpoints here, one line each.
/// </summary>
public static class NigehbanHost
{
    public static WebApplicationBuilder AddNigehban(this WebApplicationBuilder builder)
    {
        builder.AddNigehbanSettings();
        // Build output outside Development would otherwise serve empty static assets.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1_048_576;
        });

        builder.Services.AddNigehbanPlatform();
        builder.Services.AddNigehbanRequestLog();
        builder.Services.AddOrganisation();
        builder.Services.AddStaffIdentity();
        builder.Services.AddRecords();
        builder.Services.AddServiceCentres();
        builder.Services.AddFrontDesk();
        builder.Services.AddPoliceComplaints();
        builder.Services.AddProtection();
        builder.Services.AddCases();
        builder.Services.AddDashboard();
        builder.Services.AddDashboardUi();
        builder.Services.AddNigehbanUi();
        return builder;
    }

    public static WebApplication UseNigehban(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseNigehbanRequestLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBrowserErrorPages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        // After localization: its refusal (415) is told in the request's language.
        app.UseKnownCharsetsOnly();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapNigehbanPlatform();
        app.MapOrganisation();
        app.MapAuth();
        app.MapStaffAdministration();
        app.MapServiceCentres();
        app.MapFrontDesk();
        app.MapPoliceComplaints();
        app.MapProtection();
        app.MapCases();
        app.MapRecords();
        app.MapDashboard();
        app.MapDashboardUi();
        app.MapNigehbanUi();
        return app;
    }
}

internal static class RequestBodyLimits
{
    /// <summary>For the few endpoints (document uploads) allowed past the 1 MB default.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitMetadata(bytes));

    private sealed class RequestSizeLimitMetadata(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
