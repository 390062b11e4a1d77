namespace Nigehban.Web.Platform.Api;

/// <summary>
/// A key sent in a header instead of a staff token, by a caller that is not a person (a hotel's
/// software, say). A module that accepts one registers it with
/// <see cref="ApiKeySchemeRegistration.AddApiKeyScheme"/>; the API document then declares it, and
/// every operation whose authorization policy names <paramref name="AuthenticationScheme"/> asks for
/// this key rather than the bearer token, so a client generated from the document sends the header.
/// </summary>
public sealed record ApiKeyScheme(string AuthenticationScheme, string HeaderName, string Description);

public static class ApiKeySchemeRegistration
{
    public static IServiceCollection AddApiKeyScheme(this IServiceCollection services, ApiKeyScheme scheme) => services.AddSingleton(scheme);
}
