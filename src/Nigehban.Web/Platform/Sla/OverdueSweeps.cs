using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Platform.Sla;

/// <summary>
/// A module's sweep over its items whose stage is past the pack's deadline: it escalates up to
/// <c>batchSize</c> of them and says how many it did. The platform runs every sweep on a timer
/// (<see cref="OverdueSweeps.AddOverdueSweep{TSweep}"/>); tests call one directly.
/// </summary>
public interface IOverdueSweep
{
    Task<int> RunAsync(int batchSize, CancellationToken cancellationToken);
}

public static class OverdueSweeps
{
    public const int BatchSize = 500;

    /// <summary>
    /// Registers <typeparamref name="TSweep"/> (scoped) and a watcher that runs it every minute, or
    /// every <c>{configurationSection}:EscalationInterval</c>, until a batch comes back short.
    /// </summary>
    public static IServiceCollection AddOverdueSweep<TSweep>(this IServiceCollection services, string configurationSection)
        where TSweep : class, IOverdueSweep
    {
        services.AddScoped<TSweep>();
        services.AddHostedService(sp => new OverdueSweepWatcher<TSweep>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IConfiguration>().GetValue($"{configurationSection}:EscalationInterval", TimeSpan.FromMinutes(1)),
            sp.GetRequiredService<ILogger<OverdueSweepWatcher<TSweep>>>()));
        return services;
    }

    /// <summary>
    /// Whom an escalation of <paramref name="level"/> alerts: first the in-charge of the owning unit
    /// (a station's SHO), then the in-charge of its parent (the SDPO, or whoever the pack's tree puts there).
    /// </summary>
    public static string InChargeRecipient(UnitDirectory units, string unitCode, int level) =>
        $"unit:{(level <= 1 ? unitCode : units.Find(unitCode)?.ParentCode ?? unitCode)}:in-charge";
}

/// <summary>Runs one module's sweep on a timer; a failed round is logged and tried again at the next tick.</summary>
public sealed class OverdueSweepWatcher<TSweep>(IServiceScopeFactory scopes, TimeSpan interval, ILogger<OverdueSweepWatcher<TSweep>> logger) : BackgroundService
    where TSweep : class, IOverdueSweep
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = scope.ServiceProvider.GetRequiredService<TSweep>();
                while (await sweep.RunAsync(OverdueSweeps.BatchSize, stoppingToken) == OverdueSweeps.BatchSize)
                {
                    // a full batch: there may be more
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Escalation sweep {Sweep} failed; retrying at the next interval", typeof(TSweep).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
