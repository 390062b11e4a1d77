using Nigehban.Web.Components;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Features.Dashboard.Export;
using Nigehban.Web.Features.Dashboard.Live;
using Nigehban.Web.Features.Dashboard.Pages.Public;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>The dashboard's user-facing side: console and public pages, table downloads and the live-alert hub.</summary>
public static class DashboardUiModule
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddHostedService<DashboardAlertRelay>();
        services.AddScoped<ExportDashboardTableHandler>();
        services.AddScoped<ReadServiceDeliveryHandler>();
        services.AddConsoleNavigation(
            new ConsoleNavItem("/console/dashboard", "Nav.Dashboard", MudBlazor.Icons.Material.Outlined.Insights, Permissions.DashboardView, ConsoleNavSection.Overview),
            new ConsoleNavItem("/service-delivery", "Nav.ServiceDelivery", MudBlazor.Icons.Material.Outlined.FactCheck, Permissions.ConsoleAccess, ConsoleNavSection.Public, StaticPage: true));
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        app.MapGet("/api/v1/dashboard/exports/{table}",
                async (string table, string? unit, DateOnly? from, DateOnly? to, string? metric, string? interval, string? format,
                    ExportDashboardTableHandler handler, CancellationToken ct) =>
                {
                    var file = await handler.HandleAsync(new ExportRequest(table, unit, from, to, metric, interval, format), ct);
                    return TypedResults.File(file.Content, file.ContentType, file.FileName);
                })
            .WithName("ExportDashboardTable").WithTags("Dashboard").RequireAuthorization(Permissions.DashboardView)
            .WithSummary("A dashboard table (children, breakdown or series) as CSV or Excel (.xlsx), for a unit and period in your jurisdiction. Audited.")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv", TableFiles.XlsxType);

        app.MapHub<DashboardHub>(DashboardHub.Route).RequireAuthorization(Permissions.DashboardView);
        return app;
    }
}
