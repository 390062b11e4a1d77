using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Platform.Sla;

public static class SlaModule
{
    public static IServiceCollection AddSlaClocks(this IServiceCollection services) =>
        services.AddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<ForcePack>()));
}
