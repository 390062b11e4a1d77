using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.HotelKeys;

/// <summary>
/// A hotel's API key (ADR-063): 192 random bits, shown once; the database keeps its SHA-256 hash
/// (a key this long needs no slow hash: there is nothing to guess from the hash).
/// </summary>
public static class HotelKey
{
    public const string Prefix = "htl_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(24));

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));

    /// <summary>The first characters of a key, which say which key is meant without giving it away.</summary>
    public static string HintOf(string key) => key[..Math.Min(key.Length, Prefix.Length + 4)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Signs a hotel in by its key (header <see cref="Header"/>): the principal is the hotel, with one
/// permission, registering its own guests, and no unit, so the jurisdiction filter shows it nothing.
/// A request without the header is answered by the default scheme (the staff session), so that a
/// signed-in officer calling a hotel's route is refused for lack of the permission (403), not asked
/// to sign in. A key that names no hotel fails: 401, saying nothing else.
/// </summary>
public sealed class HotelKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HotelKey";
    public const string Header = "X-Hotel-Key";
    public const string HotelClaim = "nigehban:hotel";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            var schemes = Context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
            var fallback = await schemes.GetDefaultAuthenticateSchemeAsync();
            return fallback is null || fallback.Name == SchemeName ? AuthenticateResult.NoResult() : await Context.AuthenticateAsync(fallback.Name);
        }

        var key = values.ToString().Trim();
        if (key.Length > 100 || !key.StartsWith(HotelKey.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a hotel key.");
        }

        var hash = HotelKey.HashOf(key);
        var db = Context.RequestServices.GetRequiredService<NigehbanDbContext>();
        var hotel = await db.Set<Hotel>()
            .IgnoreQueryFilters() // the key is the hotel's secret and finds only its own hotel
            .AsNoTracking()
            .Where(h => h.KeyHash == hash)
            .Select(h => new { h.Id, h.Name })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (hotel is null)
        {
            return AuthenticateResult.Fail("Unknown hotel key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"hotel:{hotel.Id}"),
                new Claim(HotelClaim, hotel.Id.ToString()),
                new Claim(NigehbanClaims.Permission, Permissions.HotelGuestsRegister),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The hotel's policy: the permission, proved by a hotel key (or refused to a staff session).</summary>
    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Permissions.HotelGuestsRegister, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(NigehbanClaims.Permission, Permissions.HotelGuestsRegister));

    /// <summary>The hotel a request was signed in with, or null for anyone else.</summary>
    public static Guid? HotelOf(CurrentUser user) =>
        Guid.TryParse(user.Principal.FindFirstValue(HotelClaim), out var id) && user.Principal.Identity?.AuthenticationType == SchemeName ? id : null;
}
