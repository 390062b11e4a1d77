using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Platform.Demo;

/// <summary>
/// A module's demo data, registered in its <c>AddXxx()</c> (<c>services.AddScoped&lt;IDemoDataSeed, …&gt;()</c>).
/// Each seed is idempotent: it checks for its own data before adding any. Seeds run in registration order.
/// </summary>
public interface IDemoDataSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}

/// <summary>The start-up step that runs every module's demo seed, when demo data is wanted.</summary>
internal sealed class SeedDemoData(IEnumerable<IDemoDataSeed> seeds) : IStartupStep
{
    public int Order => StartupOrder.DemoData;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        if (!context.SeedDemo)
        {
            return;
        }

        foreach (var seed in seeds)
        {
            await seed.SeedAsync(cancellationToken);
        }
    }
}
