namespace Nigehban.Web.Features.Dashboard;

public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardSignals>();
        services.AddSingleton<RollupLevels>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<RebuildDashboard>();
        return services;
    }
}
