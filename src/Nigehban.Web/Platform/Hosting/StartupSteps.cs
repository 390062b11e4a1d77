using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Hosting;

/// <summary>What a start-up step is told: the services of the start-up's scope, and whether demo data is wanted.</summary>
public sealed record StartupContext(IServiceProvider Services, bool SeedDemo);

/// <summary>
/// One thing the platform does before it serves (migrate, load the unit tree, read a catalogue,
/// seed demo data). A module adds its own with <see cref="StartupStepRegistration.AddStartupStep{TStep}"/>
/// in its <c>AddXxx()</c>. The server runs every step before it listens (<see cref="PlatformStartup"/>),
/// and so does every verb that works on the data (<c>migrate</c>, <c>dashboard verify</c>…), so that a
/// verb sees what the server sees.
/// </summary>
public interface IStartupStep
{
    /// <summary>Steps run in ascending order (<see cref="StartupOrder"/>); equal orders in registration order.</summary>
    int Order { get; }

    Task RunAsync(StartupContext context, CancellationToken cancellationToken);
}

/// <summary>Where the platform's own steps sit, so that a module can place its steps between them.</summary>
public static class StartupOrder
{
    /// <summary>Migrations, database guards, the audit chain's adoption: the database is ready.</summary>
    public const int Database = 100;

    /// <summary>The unit tree, in the database and in memory (<see cref="Units.UnitDirectory"/>).</summary>
    public const int Units = 200;

    /// <summary>What modules read from the force pack into memory.</summary>
    public const int Catalogues = 300;

    /// <summary>Demo data, when asked for.</summary>
    public const int DemoData = 900;

    /// <summary>What is printed for the person starting it, last.</summary>
    public const int Report = 1000;
}

public static class StartupStepRegistration
{
    public static IServiceCollection AddStartupStep<TStep>(this IServiceCollection services) where TStep : class, IStartupStep =>
        services.AddScoped<IStartupStep, TStep>();

    /// <summary>
    /// Reads a module's file of the force pack (a singleton that reads it when built) at start-up,
    /// so that a fault in it stops start-up with its file and line instead of failing a first request.
    /// </summary>
    public static IServiceCollection AddPackFileReadAtStart<TPackFile>(this IServiceCollection services) where TPackFile : class =>
        services.AddStartupStep<ReadPackFileAtStart<TPackFile>>();
}

/// <summary>See <see cref="StartupStepRegistration.AddPackFileReadAtStart{TPackFile}"/>: resolving the file is reading it.</summary>
internal sealed class ReadPackFileAtStart<TPackFile>(TPackFile file) : IStartupStep where TPackFile : class
{
    public int Order => StartupOrder.Catalogues;

    public Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        GC.KeepAlive(file);
        return Task.CompletedTask;
    }
}

/// <summary>Runs the registered start-up steps in order, in one scope that sees every unit.</summary>
public sealed class StartupSteps(IServiceProvider services)
{
    public async Task RunAsync(bool seedDemo, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("start-up");
        var context = new StartupContext(scope.ServiceProvider, seedDemo);
        foreach (var step in scope.ServiceProvider.GetServices<IStartupStep>().OrderBy(s => s.Order))
        {
            await step.RunAsync(context, cancellationToken);
        }
    }
}

/// <summary>
/// Runs when the host starts, before the server accepts requests: every start-up step, with demo
/// data when <c>Demo__Seed</c> is true (the default).
/// </summary>
public sealed class PlatformStartup(StartupSteps steps, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        steps.RunAsync(configuration.GetValue("Demo:Seed", true), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
