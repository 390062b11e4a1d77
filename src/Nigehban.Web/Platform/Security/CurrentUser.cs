using System.Security.Claims;

namespace Nigehban.Web.Platform.Security;

/// <summary>
/// Who is acting in this scope: the HTTP request's user, or — inside a Blazor circuit, where
/// there is no HttpContext — the principal the circuit authenticated with.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal? _circuitPrincipal;

    public ClaimsPrincipal Principal => _circuitPrincipal ?? httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? AccountId => Guid.TryParse(Principal.FindFirstValue(NigehbanClaims.AccountId), out var id) ? id : null;

    public string? UserName => IsAuthenticated ? Principal.Identity!.Name : null;

    public string? UnitCode => Principal.FindFirstValue(NigehbanClaims.UnitCode);

    /// <summary>The materialised path of the user's home unit; their jurisdiction is its subtree.</summary>
    public string? UnitPath => Principal.FindFirstValue(NigehbanClaims.UnitPath);

    public string? IpAddress => httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public bool HasPermission(string permission) => Principal.HasClaim(NigehbanClaims.Permission, permission);

    internal void UseCircuitPrincipal(ClaimsPrincipal principal) => _circuitPrincipal = principal;

    /// <summary>The actor name of work done by the operator on the machine through a verb of the executable.</summary>
    public const string CommandLineOperator = "system:cli";

    /// <summary>
    /// The person at the machine's command line: whoever can run the executable against the data
    /// folder and database already holds all of it, so their scope is the whole force (path "/"),
    /// and what they change is audited under <see cref="CommandLineOperator"/>. They hold no permission.
    /// </summary>
    internal void UseCommandLineOperator() =>
        _circuitPrincipal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, CommandLineOperator), new Claim(NigehbanClaims.UnitPath, "/")], CommandLineAuthentication));

    /// <summary>True for the operator at the command line (<see cref="UseCommandLineOperator"/>), never for a signed-in officer.</summary>
    public bool IsCommandLineOperator => Principal.Identity?.AuthenticationType == CommandLineAuthentication;

    private const string CommandLineAuthentication = "cli";
}

public static class NigehbanClaims
{
    public const string AccountId = "nigehban:account";
    public const string SessionId = "nigehban:session";
    public const string UnitCode = "nigehban:unit";
    public const string UnitPath = "nigehban:unit_path";
    public const string Permission = "nigehban:perm";
}
