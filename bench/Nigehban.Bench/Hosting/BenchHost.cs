using Nigehban.Bench.Data;
using Nigehban.Web;

namespace Nigehban.Bench.Hosting;

/// <summary>
/// The real app, composed by its own <c>AddNigehban()</c>/<c>UseNigehban()</c>, on Kestrel at
/// 127.0.0.1 with a free port, in this process. Scenarios map their ceiling endpoints onto the
/// same app, so measured and ceiling requests cross the same server, middleware and connection.
/// </summary>
public static class BenchHost
{
    public static WebApplication Build(BenchTarget target, IEnumerable<Action<WebApplication>> extraEndpoints)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The app's name, so that its static web assets manifest (copied beside the bench) is found.
            ApplicationName = "Nigehban.Web",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Added last, so these win over appsettings.json and environment variables.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Database:Provider"] = target.Provider.ToString(),
            ["Database:ConnectionString"] = target.ConnectionString,
            ["Storage:DataDirectory"] = target.DataDirectory,
            ["Force"] = "punjab",
            ["Demo:Seed"] = "false",
            // The bench is one client address sending thousands of requests a second.
            ["RateLimiting:AnonymousPermitPerMinute"] = "1000000000",
            // Per-request log lines would measure the console, not the app.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            // Migrating a fresh database logs the (expected) failed read of the history table as an error.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
            // Keys stay unencrypted at rest in a bench data folder; the app's warning about it is noise here.
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        });
        builder.AddNigehban();

        var app = builder.Build();
        app.UseNigehban();
        foreach (var map in extraEndpoints)
        {
            map(app);
        }

        return app;
    }

    /// <summary>The address Kestrel actually bound (the configured port is 0: any free one).</summary>
    public static Uri BaseAddress(WebApplication app) => new(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));
}
