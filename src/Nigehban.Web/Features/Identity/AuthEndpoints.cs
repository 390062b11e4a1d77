using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record CurrentStaffResponse(Guid AccountId, string UserName, string DisplayName, string UnitCode, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

/// <summary>Sign-in for the API (bearer token) and for the browser (cookie, from the login form), and sign-out.</summary>
public static class AuthEndpoints
{
    /// <summary>Carries the user name from a failed form post back to the form (never in the address), for a few minutes.</summary>
    public const string UserNameCookie = "nigehban-login-name";

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueToken)
            .WithName("IssueToken").WithTags("Auth")
            .WithSummary("Exchanges user name, password and TOTP code for a bearer token.").ProducesProblem(StatusCodes.Status401Unauthorized)
            .AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous);

        app.MapPost("/account/login", SignInWithForm)
            .WithName("SignInWithForm").ExcludeFromDescription()
            .AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .DisableAntiforgery();

        // Anonymous on purpose: signing out must work, and clear the cookie, after the session
        // has already expired. It only ever ends the caller's own session.
        app.MapPost("/account/logout", SignOut)
            .WithName("SignOut").ExcludeFromDescription()
            .AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous);

        app.MapGet("/api/v1/auth/me", Me)
            .WithName("GetCurrentStaff").WithTags("Auth")
            .WithSummary("Who the caller is: account, home unit, roles and permissions.")
            .RequireAuthorization(Permissions.ConsoleAccess);

        app.MapDelete("/api/v1/auth/token", EndToken)
            .WithName("RevokeToken").WithTags("Auth")
            .WithSummary("Ends the session of the bearer token used for this call.")
            .RequireAuthorization(Permissions.ConsoleAccess);
        return app;
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        SignInRequest request, SignInStaffHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(request, SessionKind.Bearer, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return outcome.Session is not { } result
            ? Problems.Unauthorized(IdentityErrors.Text(outcome.CodeAlreadyUsed ? "SignIn.CodeUsed" : "SignIn.Failed"))
            : TypedResults.Ok(new TokenResponse(result.Token, result.ExpiresAt));
    }

    /// <summary>The login page posts here (a plain form, so it works before any circuit exists and can set the cookie).</summary>
    internal static async Task<RedirectHttpResult> SignInWithForm(HttpContext http, SignInStaffHandler handler, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            throw new ValidationFailedException("body", IdentityErrors.Text("SignIn.FormEncoding"));
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var userName = form["userName"].ToString();
        var outcome = await handler.HandleAsync(
            new SignInRequest(userName, form["password"], form["otp"]),
            SessionKind.Cookie,
            http.Connection.RemoteIpAddress?.ToString(),
            cancellationToken);
        if (outcome.Session is not { } result)
        {
            // The form comes back with the name typed (a cookie only the login page reads, not the
            // address: it would sit in history and logs); the password and the code never come back.
            if (userName.Length is > 0 and <= 64)
            {
                http.Response.Cookies.Append(UserNameCookie, userName, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Strict,
                    Path = "/login",
                    MaxAge = TimeSpan.FromMinutes(5),
                });
            }

            var failed = outcome.CodeAlreadyUsed ? "code-used" : "1";
            return TypedResults.Redirect($"/login?failed={failed}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        http.Response.Cookies.Delete(UserNameCookie, new CookieOptions { Path = "/login" });
        http.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, result.Token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            Path = "/",
        });
        return TypedResults.Redirect(returnUrl);
    }

    internal static async Task<RedirectHttpResult> SignOut(HttpContext http, NigehbanDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        await EndCurrentSessionAsync(db, user, clock, cancellationToken);
        http.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName);
        return TypedResults.Redirect("/login?signedOut=1");
    }

    /// <summary>From the claims of the session just validated: no further database work.</summary>
    internal static Ok<CurrentStaffResponse> Me(CurrentUser user) =>
        TypedResults.Ok(new CurrentStaffResponse(
            user.AccountId ?? Guid.Empty,
            user.UserName ?? string.Empty,
            user.Principal.FindFirstValue(SessionAuthenticationHandler.DisplayNameClaim) ?? string.Empty,
            user.UnitCode ?? string.Empty,
            [.. user.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value)],
            [.. user.Principal.FindAll(NigehbanClaims.Permission).Select(c => c.Value)]));

    internal static async Task<NoContent> EndToken(NigehbanDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        await EndCurrentSessionAsync(db, user, clock, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task EndCurrentSessionAsync(NigehbanDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(user.Principal.FindFirst(NigehbanClaims.SessionId)?.Value, out var sessionId))
        {
            var session = await db.Set<StaffSession>().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is not null && session.EndedAt is null)
            {
                session.EndedAt = clock.GetUtcNow();
                session.EndReason = "signed out";
                db.Audit.Record(new AuditEntry("auth.sign-out", nameof(StaffSession), session.Id.ToString()));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Only local paths: an open redirect after login would be a phishing tool. Browsers read
    /// <c>//host</c> and <c>/\host</c> as other sites and drop tabs and newlines, so none of those pass.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl.Length <= 2048
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] != '/')
        && !returnUrl.Any(c => c == '\\' || char.IsControl(c))
            ? returnUrl
            : "/console";
}
