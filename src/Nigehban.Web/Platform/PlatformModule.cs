using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Storage;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Nigehban.Web.Platform;

/// <summary>The mechanisms every module uses (DESIGN.md), registered once.</summary>
public static class PlatformModule
{
    public static IServiceCollection AddNigehbanPlatform(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions());
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<JurisdictionScope>();
        services.AddAuditTrail();
        services.AddReferenceNumbers();
        services.AddSlaClocks();

        services.AddForcePack();
        services.AddNigehbanDatabase();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddValidation();
        services.AddOpenApi();
        services.AddNigehbanRateLimits();

        services.AddHostedService<DatabaseStartup>();
        services.AddAuditCheckpointWriter();
        services.AddOutbox();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Nigehban")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapNigehbanPlatform(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options.WithTitle("Nigehban API")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapAuditEvents();
        return app;
    }

    private sealed class DatabaseReadyCheck(NigehbanDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("database unreachable");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("database unreachable", ex);
            }
        }
    }
}
