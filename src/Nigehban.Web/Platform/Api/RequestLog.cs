using System.Diagnostics;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Request logging that keeps personal data and short-lived secrets out of the logs. The framework's own
/// request lines (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>) print the raw query string, where a
/// citizen's national ID travels when tracking through the API, so they are held to warnings; this log
/// writes the same facts with the values of <see cref="RedactedParameters"/> replaced.
/// </summary>
public static partial class RequestLog
{
    /// <summary>
    /// Query parameters whose value is personal (a national ID, a phone number, a search term, which
    /// staff type national IDs and names into) or a short-lived secret: the name stays, the value goes.
    /// </summary>
    public static readonly IReadOnlySet<string> RedactedParameters =
        new HashSet<string>(["nationalId", "phone", "search", "ticket", "token", "access_token", "password"], StringComparer.OrdinalIgnoreCase);

    private const string FrameworkRequestCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IServiceCollection AddNigehbanRequestLog(this IServiceCollection services) =>
        // Added after the configuration's rules, so this one wins for the category whatever the settings say.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter(FrameworkRequestCategory, LogLevel.Warning));

    public static IApplicationBuilder UseNigehbanRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLog).FullName!);
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", Redact(context.Request.QueryString.Value),
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    /// <summary>The query string with the values of redacted parameters replaced; other parameters unchanged.</summary>
    public static string Redact(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString) || queryString == "?")
        {
            return string.Empty;
        }

        var pairs = queryString.TrimStart('?').Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            return RedactedParameters.Contains(name.Trim()) ? $"{(equals < 0 ? pair : pair[..equals])}=[redacted]" : pair;
        });
        return "?" + string.Join('&', pairs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path}{Query} responded {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int statusCode, double elapsedMilliseconds);
}
