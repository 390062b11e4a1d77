using Nigehban.Web.Platform.Demo;

namespace Nigehban.Web.Features.Records;

public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddScoped<IRecordCheck, PersonRecordCheck>();
        services.AddScoped<IDemoDataSeed, SeedDemoRecords>();
        return services;
    }
}
