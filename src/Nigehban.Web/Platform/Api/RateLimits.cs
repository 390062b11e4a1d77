using System.Globalization;
using System.Threading.RateLimiting;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Rate limiting of anonymous endpoints (citizen portal, public API, login), per client address.
/// An endpoint opts in with <c>RequireRateLimiting(RateLimits.Anonymous)</c>. Behind a reverse
/// proxy the client address is the proxy's unless forwarded headers are configured (docs/OPERATIONS.md).
/// </summary>
public static class RateLimits
{
    public const string Anonymous = "anonymous";

    public static IServiceCollection AddNigehbanRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Anonymous, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => AnonymousWindow(context.RequestServices.GetRequiredService<IConfiguration>())));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                await WriteTooManyRequestsAsync(context.HttpContext, seconds, ApiErrors.In(context.HttpContext, "Requests.TooMany", seconds));
            };
        });
        return services;
    }

    /// <summary>The anonymous limit per client address: <c>RateLimiting:AnonymousPermitPerMinute</c> requests a minute.</summary>
    public static FixedWindowRateLimiterOptions AnonymousWindow(IConfiguration configuration) => new()
    {
        PermitLimit = configuration.GetValue("RateLimiting:AnonymousPermitPerMinute", 600),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>The refusal of a limited request: 429, Retry-After, and a ProblemDetails saying when to try again.</summary>
    public static async Task WriteTooManyRequestsAsync(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = 429, Title = "Too many requests", Detail = detail },
        });
    }
}
