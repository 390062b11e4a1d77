using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Security;

/// <summary>
/// Every denied access is an audit event (DESIGN.md, mechanism 4): a signed-in user refused by a
/// policy (403), and an anonymous caller refused by the API (401). Anonymous browser navigations
/// to console pages are not recorded: they are the ordinary way to reach the login page. The
/// response itself is left to the default handler.
/// </summary>
/// <remarks>
/// Anonymous 401s cost the caller nothing and us an audit row each, so they are limited per client
/// address (the anonymous rate limit, <c>RateLimiting:AnonymousPermitPerMinute</c>): past it the caller
/// gets 429 and one <see cref="ThrottledAction"/> event per window records that the flood happened.
/// </remarks>
public sealed class AuditDeniedAccess(IConfiguration configuration) : IAuthorizationMiddlewareResultHandler, IDisposable
{
    public const string Action = "access.denied";
    public const string ThrottledAction = "access.denied.throttled";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    private readonly PartitionedRateLimiter<string> _anonymousDenials = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => RateLimits.AnonymousWindow(configuration)));

    /// <summary>Addresses already recorded as throttled in their current window: one event per flood, not one per request.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _throttledUntil = new(StringComparer.Ordinal);

    public void Dispose() => _anonymousDenials.Dispose();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var authenticated = context.User.Identity?.IsAuthenticated == true;
        if (authorizeResult.Challenged && !authenticated && context.Request.Path.StartsWithSegments("/api")
            && !await WithinAnonymousLimitAsync(context))
        {
            return;
        }

        if (authorizeResult.Forbidden || (authorizeResult.Challenged && !authenticated && context.Request.Path.StartsWithSegments("/api")))
        {
            var db = context.RequestServices.GetRequiredService<NigehbanDbContext>();
            var status = authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            db.Audit.Record(new AuditEntry(
                Action,
                "endpoint",
                context.Request.Path.Value,
                AuditOutcome.Denied,
                $"{status} {context.Request.Method}; requires {Describe(context, policy)}"));

            // Fail closed: if the event cannot be written the request fails, and it was refused anyway.
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task<bool> WithinAnonymousLimitAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _anonymousDenials.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return true;
        }

        var now = DateTimeOffset.UtcNow;
        if (!_throttledUntil.TryGetValue(address, out var until) || until <= now)
        {
            if (_throttledUntil.Count > 10_000)
            {
                // Many addresses flooding at once: forget the windows that have ended so the map stays small.
                foreach (var (key, end) in _throttledUntil)
                {
                    if (end <= now)
                    {
                        _throttledUntil.TryRemove(key, out _);
                    }
                }
            }

            _throttledUntil[address] = now.AddMinutes(1);
            var db = context.RequestServices.GetRequiredService<NigehbanDbContext>();
            db.Audit.Record(new AuditEntry(ThrottledAction, "client-address", address, AuditOutcome.Denied,
                "Anonymous requests to protected API endpoints over the per-address limit: refused with 429 and not recorded one by one for a minute."));
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await RateLimits.WriteTooManyRequestsAsync(context, 60, ApiErrors.In(context, "Requests.TooManyUnauthenticated", 60));
        return false;
    }

    private static string Describe(HttpContext context, AuthorizationPolicy policy)
    {
        var named = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return named is { Count: > 0 }
            ? string.Join(", ", named)
            : string.Join(", ", policy.Requirements.Select(r => r.ToString()));
    }
}
