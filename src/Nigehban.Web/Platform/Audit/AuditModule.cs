namespace Nigehban.Web.Platform.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<ListAuditEventsHandler>();
        services.AddScoped<VerifyAuditChainHandler>();
        return services;
    }

    /// <summary>Background work; registered after the database start-up so it runs on a migrated database.</summary>
    public static IServiceCollection AddAuditCheckpointWriter(this IServiceCollection services) =>
        services.AddHostedService<AuditCheckpointWriter>();
}
