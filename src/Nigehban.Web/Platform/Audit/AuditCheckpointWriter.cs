namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// Records the chain head every <c>Audit:CheckpointInterval</c> (default 5 minutes) and once more
/// when the host stops, so that at most one interval of the newest events could be cut off
/// without <c>audit verify</c> noticing.
/// </summary>
public sealed class AuditCheckpointWriter(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AuditCheckpointWriter> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    /// <summary>How long shutdown waits for the last checkpoint.</summary>
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(10);

    public TimeSpan Interval
    {
        get
        {
            var interval = configuration.GetValue<TimeSpan?>("Audit:CheckpointInterval") ?? DefaultInterval;
            return interval > TimeSpan.Zero ? interval : DefaultInterval;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteCheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the final checkpoint is written by StopAsync.
        }
    }

    private int _stopped;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A host can be stopped twice at once (Run returning while its owner disposes it): one final checkpoint is enough.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ShutdownBudget);
        await WriteCheckpointAsync(budget.Token);
    }

    private async Task WriteCheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var checkpoint = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(cancellationToken);
            if (checkpoint is not null)
            {
                logger.LogDebug("Audit checkpoint at sequence {Sequence}", checkpoint.Sequence);
            }
        }
        catch (Exception ex)
        {
            // A missed checkpoint widens the truncation window; it must not stop the host.
            logger.LogError(ex, "Could not write the audit checkpoint");
        }
    }
}
