using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<SyncUnitsFromForcePack>();
        services.AddScoped<MoveUnitHandler>();
        services.AddStartupStep<SyncUnitsAtStart>();
        return services;
    }
}
