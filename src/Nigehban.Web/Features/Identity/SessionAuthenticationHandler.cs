using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// One authentication scheme for the UI (cookie) and the API (bearer token): both carry a session
/// token checked against <see cref="StaffSession"/> on every request, so disabling an account or
/// ending a session takes effect at once, and idle and absolute limits are the server's decision.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionLimits limits,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NigehbanSession";
    public const string CookieName = "nigehban.session";
    public const string DisplayNameClaim = "display_name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        // Resolved only when there is a token: the handler runs on every request, and most public
        // requests (tracking, the portal, static files) carry none and need no DbContext for it.
        var db = Context.RequestServices.GetRequiredService<NigehbanDbContext>();
        var principal = await ValidateAsync(db, token, limits, clock.GetUtcNow(), Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("session expired or ended")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsBrowserNavigation(Request))
        {
            var returnUrl = Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString);
            Response.Redirect($"/login?returnUrl={returnUrl}");
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool IsBrowserNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var value = header["Bearer ".Length..].Trim();
            return value.Length > 0 ? value : null;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie) ? cookie : null;
    }

    /// <summary>
    /// Looks the session up, applies the limits and builds the principal. Reads without tracking and
    /// writes with single UPDATEs, so the request's DbContext starts its real work clean.
    /// </summary>
    public static async Task<ClaimsPrincipal?> ValidateAsync(NigehbanDbContext db, string token, SessionLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = SignInStaffHandler.HashToken(token);
        var found = await db.Set<StaffSession>().AsNoTracking()
            .Where(s => s.TokenHash == hash)
            .Join(db.Set<StaffAccount>().IgnoreQueryFilters().AsNoTracking(), s => s.AccountId, a => a.Id, (s, a) => new { Session = s, Account = a })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var (session, account) = (found.Session, found.Account);
        var endReason = limits.ReasonToEnd(session, account, now);
        if (endReason is not null)
        {
            if (session.EndedAt is null)
            {
                await StaffSessions.EndAsync(db, session.Id, endReason, now, cancellationToken);
            }

            return null;
        }

        if (now - session.LastSeenAt >= limits.TouchInterval)
        {
            await StaffSessions.TouchAsync(db, session.Id, now, cancellationToken);
        }

        return BuildPrincipal(account, session.Id);
    }

    public static ClaimsPrincipal BuildPrincipal(StaffAccount account, Guid sessionId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.UserName),
            new(DisplayNameClaim, account.DisplayName),
            new(NigehbanClaims.AccountId, account.Id.ToString()),
            new(NigehbanClaims.SessionId, sessionId.ToString()),
            new(NigehbanClaims.UnitCode, account.HomeUnitCode),
            new(NigehbanClaims.UnitPath, account.HomeUnitPath),
        };
        claims.AddRange(account.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(Roles.PermissionsOf(account.RoleList).Select(p => new Claim(NigehbanClaims.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
    }
}
