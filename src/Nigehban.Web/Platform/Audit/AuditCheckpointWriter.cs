namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// Records the chain head <c>Audit:CheckpointAfterSeal</c> (default 2 seconds) after a seal pass
/// that sealed anything, at least every <c>Audit:CheckpointInterval</c> (default 5 minutes) and once
/// more when the host stops. A crash therefore leaves seconds, not minutes, of sealed events that
/// no checkpoint outside the database vouches for (ADR-026). The short wait after a pass lets a
/// burst of passes share one checkpoint.
/// </summary>
public sealed class AuditCheckpointWriter(
    IServiceScopeFactory scopes,
    AuditCheckpointDue due,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AuditCheckpointWriter> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultAfterSeal = TimeSpan.FromSeconds(2);

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

    /// <summary>The wait after a seal pass; zero or negative turns checkpoints after seal passes off.</summary>
    public TimeSpan? AfterSeal
    {
        get
        {
            var afterSeal = configuration.GetValue<TimeSpan?>("Audit:CheckpointAfterSeal") ?? DefaultAfterSeal;
            return afterSeal > TimeSpan.Zero ? afterSeal : null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        var afterSeal = AfterSeal;
        var next = clock.GetUtcNow() + interval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var untilInterval = next - clock.GetUtcNow();
                var afterPass = untilInterval > TimeSpan.Zero && await due.WaitAsync(untilInterval, stoppingToken);
                if (afterPass)
                {
                    if (afterSeal is null)
                    {
                        continue;
                    }

                    await Task.Delay(afterSeal.Value, clock, stoppingToken);
                }
                else
                {
                    next = clock.GetUtcNow() + interval;
                }

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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A missed checkpoint widens the truncation window; it must not stop the host.
            logger.LogError(ex, "Could not write the audit checkpoint");
        }
    }
}

/// <summary>Set by a seal pass that sealed events: a checkpoint is due. Wakes while the writer is busy collapse into one.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never used holds nothing to release.")]
public sealed class AuditCheckpointDue
{
    private readonly SemaphoreSlim _due = new(0, 1);

    public void Signal()
    {
        if (_due.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _due.Release();
        }
        catch (SemaphoreFullException)
        {
            // Signalled in between: one is enough.
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _due.WaitAsync(timeout, cancellationToken);
}
