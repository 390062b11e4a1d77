namespace Nigehban.Web.Features.Dashboard;

public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardSignals>();
        services.AddScoped<DashboardQueries>();
        return services;
    }
}
