namespace Nigehban.Web.Platform.References;

public static class ReferencesModule
{
    public static IServiceCollection AddReferenceNumbers(this IServiceCollection services) =>
        services.AddSingleton<ReferenceBlocks>().AddScoped<AllocateReferenceNumber>();
}
