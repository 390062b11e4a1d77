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
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimiting:AnonymousPermitPerMinute", 600),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"Too many requests from this address. Try again in {seconds} seconds." },
                });
            };
        });
        return services;
    }
}
