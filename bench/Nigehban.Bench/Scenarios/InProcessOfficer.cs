using System.Security.Claims;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// Calls a handler of the running app in process, in a scope of its own, as an officer: the claims a
/// sign-in would give (name, account, unit, permissions). For paths whose budget is stated against a
/// raw query rather than a bare endpoint, so the HTTP stack weighs on neither side.
/// </summary>
internal sealed record InProcessOfficer(string UserName, Guid AccountId, string UnitCode, string UnitPath, IReadOnlyList<string> Permissions)
{
    public async Task<T> CallAsync<T>(IServiceProvider app, Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = app.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        Claim[] claims =
        [
            new(ClaimTypes.Name, UserName), new(NigehbanClaims.AccountId, AccountId.ToString()), new(NigehbanClaims.UnitCode, UnitCode), new(NigehbanClaims.UnitPath, UnitPath),
            .. Permissions.Select(p => new Claim(NigehbanClaims.Permission, p)),
        ];
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "bench", ClaimTypes.Name, ClaimTypes.Role)) };
        try
        {
            return await call(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
