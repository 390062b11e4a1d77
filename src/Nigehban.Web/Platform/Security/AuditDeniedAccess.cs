using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Security;

/// <summary>
/// Every denied access is an audit event (DESIGN.md, mechanism 4): a signed-in user refused by a
/// policy (403), and an anonymous caller refused by the API (401). Anonymous browser navigations
/// to console pages are not recorded: they are the ordinary way to reach the login page. The
/// response itself is left to the default handler.
/// </summary>
public sealed class AuditDeniedAccess : IAuthorizationMiddlewareResultHandler
{
    public const string Action = "access.denied";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var authenticated = context.User.Identity?.IsAuthenticated == true;
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
