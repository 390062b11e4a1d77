using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Platform.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        services.AddSingleton<AuditSealSignal>();
        services.AddSingleton<AuditCheckpointDue>();
        services.AddSingleton<ShipAuditCheckpoints>();
        services.AddHttpClient(ShipAuditCheckpoints.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AuditSealer>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<ListAuditEventsHandler>();
        services.AddScoped<VerifyAuditChainHandler>();
        services.AddCliVerb<VerifyAuditVerb>();
        services.AddCliVerb<CheckpointAuditVerb>();
        services.AddStartupStep<CheckpointAtStart>();
        return services;
    }

    /// <summary>
    /// Background work; registered after the database start-up so it runs on a migrated database.
    /// The sealer is registered after the checkpoint writer so that it stops first (hosts stop in
    /// reverse order): the final checkpoint then covers the final seals.
    /// </summary>
    public static IServiceCollection AddAuditCheckpointWriter(this IServiceCollection services) =>
        services.AddHostedService<AuditCheckpointWriter>()
            .AddHostedService<AuditSealerService>();
}
