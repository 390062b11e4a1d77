using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// The chain as start-up leaves it (migrated, seeded) gets its checkpoint outside the database at
/// once, so a verb run on this data folder afterwards (seed --demo, then audit verify) can vouch for
/// it (ADR-026).
/// </summary>
internal sealed class CheckpointAtStart(AuditCheckpoints checkpoints) : IStartupStep
{
    public int Order => StartupOrder.DemoData + 50;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken) =>
        await checkpoints.WriteAsync(cancellationToken);
}
