using Microsoft.EntityFrameworkCore.Diagnostics;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Dashboard;

public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardSignals>();
        services.AddSingleton<RollupLevels>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<RebuildDashboard>();
        // Rollups are upserted in every save's transaction (ADR-009); their alerts go out once it commits.
        services.AddSingleton<RollupWriter.PublishAlertsAfterCommit>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<RollupWriter.PublishAlertsAfterCommit>());
        services.AddSingleton<ISaveParticipant, RollupWriter>();
        services.AddSingleton<IUnitMoveParticipant, ReattributeRollupsOnUnitMove>();
        services.AddCliVerb<RebuildDashboardVerb>();
        services.AddCliVerb<VerifyDashboardVerb>();
        return services;
    }
}
