using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.RegistrarKeys;

/// <summary>
/// A place that registers people with the police by a key of its own (a hotel, a transport terminal;
/// ADR-063, ADR-077): only the key's SHA-256 hash is kept, with a hint of its first characters.
/// </summary>
public interface IKeyedRegistrar : IUnitOwned
{
    Guid Id { get; }
    string Name { get; }
    string Address { get; }
    string? Phone { get; }
    string UnitCode { get; }
    DateTimeOffset RegisteredAt { get; }
    string KeyHash { get; set; }
    string KeyHint { get; set; }
    DateTimeOffset KeyIssuedAt { get; set; }
}

/// <summary>
/// One kind of registrar key: the header it is sent in, the prefix that tells the kinds apart, the one
/// permission it proves, and the claim that carries the registrar's id. A key is 192 random bits, shown
/// once; a fast hash is enough, since nothing can be guessed back from the hash of a key that long.
/// </summary>
public sealed record RegistrarKeyKind(string SchemeName, string Header, string Prefix, string Permission, string Claim, string Description)
{
    public string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));

    /// <summary>The first characters of a key, which say which key is meant without giving it away.</summary>
    public string HintOf(string key) => key[..Math.Min(key.Length, Prefix.Length + 4)];

    /// <summary>Gives <paramref name="registrar"/> a new key, retiring its old one with the caller's save; returns the key, to be shown once.</summary>
    public string Issue(IKeyedRegistrar registrar, DateTimeOffset now)
    {
        var key = NewKey();
        registrar.KeyHash = HashOf(key);
        registrar.KeyHint = HintOf(key);
        registrar.KeyIssuedAt = now;
        return key;
    }

    /// <summary>The registrar a request was signed in with by this kind of key, or null for anyone else.</summary>
    public Guid? RegistrarOf(CurrentUser user) =>
        user.Principal.Identity?.AuthenticationType == SchemeName && Guid.TryParse(user.Principal.FindFirstValue(Claim), out var id) ? id : null;
}

public sealed class RegistrarKeyOptions : AuthenticationSchemeOptions
{
    public RegistrarKeyKind Kind { get; set; } = null!;

    /// <summary>The id of the registrar whose current key has this hash, if any.</summary>
    public Func<NigehbanDbContext, string, CancellationToken, Task<Guid?>> FindByHash { get; set; } = null!;
}

/// <summary>
/// Signs a registrar in by its key: the principal is the place, with one permission, registering its own
/// people, and no unit, so the jurisdiction filter shows it nothing. A request without the header is
/// answered by the default scheme (the staff session), so that a signed-in officer calling a registrar's
/// route is refused for lack of the permission (403), not asked to sign in. A key that names no
/// registrar of the kind fails: 401, saying nothing else.
/// </summary>
public sealed class RegistrarKeyAuthenticationHandler(IOptionsMonitor<RegistrarKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<RegistrarKeyOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var kind = Options.Kind;
        if (!Request.Headers.TryGetValue(kind.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            var schemes = Context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
            var fallback = await schemes.GetDefaultAuthenticateSchemeAsync();
            return fallback is null || fallback.Name == Scheme.Name ? AuthenticateResult.NoResult() : await Context.AuthenticateAsync(fallback.Name);
        }

        var key = values.ToString().Trim();
        if (key.Length > 100 || !key.StartsWith(kind.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a key of this kind.");
        }

        var db = Context.RequestServices.GetRequiredService<NigehbanDbContext>();
        if (await Options.FindByHash(db, RegistrarKeyKind.HashOf(key), Context.RequestAborted) is not { } id)
        {
            return AuthenticateResult.Fail("Unknown key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"{kind.Claim[(kind.Claim.IndexOf(':', StringComparison.Ordinal) + 1)..]}:{id}"),
                new Claim(kind.Claim, id.ToString()),
                new Claim(NigehbanClaims.Permission, kind.Permission),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}

public static class RegistrarKeyRegistration
{
    /// <summary>
    /// Accepts keys of <paramref name="kind"/> for registrars of type <typeparamref name="TRegistrar"/>: the
    /// authentication scheme, the policy of its permission (proved by such a key, refused to a staff
    /// session) and the key's declaration in the API document.
    /// </summary>
    public static IServiceCollection AddRegistrarKey<TRegistrar>(this IServiceCollection services, RegistrarKeyKind kind) where TRegistrar : class, IKeyedRegistrar
    {
        services.AddAuthentication().AddScheme<RegistrarKeyOptions, RegistrarKeyAuthenticationHandler>(kind.SchemeName, options =>
        {
            options.Kind = kind;
            options.FindByHash = async (db, hash, cancellationToken) => await db.Set<TRegistrar>()
                .IgnoreQueryFilters() // the key is the registrar's secret and finds only its own place
                .AsNoTracking()
                .Where(r => r.KeyHash == hash)
                .Select(r => (Guid?)r.Id)
                .FirstOrDefaultAsync(cancellationToken);
        });
        services.PostConfigure<AuthorizationOptions>(options => options.AddPolicy(kind.Permission, policy => policy
            .AddAuthenticationSchemes(kind.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(NigehbanClaims.Permission, kind.Permission)));
        return services.AddApiKeyScheme(new ApiKeyScheme(kind.SchemeName, kind.Header, kind.Description));
    }

    /// <summary>The registrar a request was signed in with by a key of <paramref name="kind"/>; null for anyone else (a staff session on a registrar's route).</summary>
    public static async Task<TRegistrar?> SignedInAsync<TRegistrar>(this DbSet<TRegistrar> registrars, RegistrarKeyKind kind, CurrentUser user, CancellationToken cancellationToken)
        where TRegistrar : class, IKeyedRegistrar =>
        kind.RegistrarOf(user) is { } id
            ? await registrars.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            : null;

    /// <summary>The registrar a key belongs to, for a registrar's own page (which has no sign-in); null when the key names none.</summary>
    public static async Task<TRegistrar?> ByKeyAsync<TRegistrar>(this DbSet<TRegistrar> registrars, RegistrarKeyKind kind, string? key, CancellationToken cancellationToken)
        where TRegistrar : class, IKeyedRegistrar
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 100 || !key.Trim().StartsWith(kind.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = RegistrarKeyKind.HashOf(key);
        return await registrars.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == hash, cancellationToken);
    }
}
