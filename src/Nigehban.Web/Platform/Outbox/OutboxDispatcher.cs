namespace Nigehban.Web.Platform.Outbox;

/// <summary>
/// Delivers committed outbox messages in the background: a pass every <c>Outbox:PollInterval</c>,
/// or straight away again while passes keep finding full batches.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxOptions options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                claimed = await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; the next pass tries again.
                logger.LogError(ex, "Outbox dispatch pass failed");
            }

            if (claimed < options.BatchSize)
            {
                try
                {
                    await Task.Delay(options.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
