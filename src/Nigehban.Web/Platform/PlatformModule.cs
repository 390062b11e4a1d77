using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Storage;
using Nigehban.Web.Platform.Units;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Nigehban.Web.Platform;

/// <summary>The mechanisms every module uses (DESIGN.md), registered once.</summary>
public static class PlatformModule
{
    /// <summary>
    /// The content root is the working directory, so that <c>data/</c> and other relative paths
    /// resolve where the command is typed. appsettings.json travels beside the binary instead: when
    /// the working directory has none, read the one beside the binary, at the same precedence
    /// (environment variables and the command line still override it).
    /// </summary>
    public static WebApplicationBuilder AddNigehbanSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json
                && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && !File.Exists(Path.Combine(builder.Environment.ContentRootPath, path))
                && File.Exists(Path.Combine(AppContext.BaseDirectory, path)))
            {
                sources[i] = new JsonConfigurationSource
                {
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                };
            }
        }

        return builder;
    }

    public static IServiceCollection AddNigehbanPlatform(this IServiceCollection services)
    {
        services.AddCliVerb<ServeVerb>();
        services.AddCliVerb<MigrateVerb>();
        services.AddCliVerb<SeedDemoVerb>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions());
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<JurisdictionScope>();
        // Filled by the module that owns the units table (Organisation), read by every module.
        services.AddSingleton<UnitDirectory>();
        services.AddAuditTrail();
        services.AddReferenceNumbers();
        services.AddSlaClocks();
        services.AddOfficialDocuments();
        services.AddFieldEncryption();

        services.AddForcePack();
        services.AddNigehbanDatabase();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Apply);
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddValidation();
        services.AddNigehbanOpenApi();
        services.AddNigehbanRateLimits();
        services.AddNigehbanForwardedHeaders();
        // Sent only over HTTPS and never in Development (NigehbanHost); a year, as browsers' preload rules expect.
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));

        // Start-up steps: the platform's own; modules add theirs (StartupOrder says where).
        services.AddSingleton<StartupSteps>();
        services.AddStartupStep<MigrateDatabase>();
        services.AddStartupStep<SeedDemoData>();
        services.AddHostedService<PlatformStartup>();
        services.AddAuditCheckpointWriter();
        services.AddOutbox();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            // Not part of the instrumentation above: throttled citizens and unhandled exceptions are worth a graph.
            .AddMeter("Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics")
            .AddMeter("Nigehban")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapNigehbanPlatform(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", ScalarPage.Configure).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReadiness }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapAuditEvents();
        return app;
    }

    /// <summary>The status and, when not ready, why: "database unreachable" or a schema behind the build.</summary>
    private static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
        {
            context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }

    /// <summary>
    /// Ready means the database answers and carries this build's schema: an empty or replaced
    /// database (SQLite creates a missing file on open) is as useless as an unreachable one.
    /// </summary>
    private sealed class DatabaseReadyCheck(NigehbanDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return HealthCheckResult.Unhealthy("database unreachable");
                }

                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"database schema is behind this build: {pending} migrations not applied");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("database unreachable", ex);
            }
        }
    }
}
