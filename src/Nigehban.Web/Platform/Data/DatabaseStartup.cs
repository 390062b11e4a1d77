using Nigehban.Web.Features.Demo;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Runs when the host starts, before the server accepts requests: migrate, guard, sync units,
/// seed demo data when <c>Demo__Seed</c> is true, and print the demo logins.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seedDemo = configuration.GetValue("Demo:Seed", true);
        await DatabaseInitializer.InitializeAsync(services, seedDemo, cancellationToken);
        if (seedDemo)
        {
            using var scope = services.CreateScope();
            DemoLogins.Print(scope.ServiceProvider.GetRequiredService<DemoSeeder>());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
