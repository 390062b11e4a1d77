namespace Nigehban.Web.Features.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<UnitDirectory>();
        services.AddScoped<SyncUnitsFromForcePack>();
        services.AddScoped<MoveUnitHandler>();
        services.AddScoped<Demo.DemoSeeder>();
        return services;
    }
}
