using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Components.Localization;

/// <summary>
/// The UI speaks the force pack's languages, in the pack's order (the first is the default). The
/// choice travels in the standard culture cookie, not in the URL, because a Blazor circuit takes
/// its culture from the request that opens it and that request carries cookies, not query strings.
/// </summary>
public static class ForceLocalization
{
    public static IServiceCollection AddForceLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddOptions<RequestLocalizationOptions>().Configure<ForcePack>((options, force) =>
        {
            var cultures = force.Languages.Select(l => CultureInfo.GetCultureInfo(l.Code)).ToList();
            options.DefaultRequestCulture = new RequestCulture(force.DefaultLanguage);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
        });
        return services;
    }

    /// <summary>
    /// A plain link (<c>/culture/ur?returnUrl=/stations</c>) sets the language, so the switch works on
    /// the static portal without JavaScript and from the console with a full reload.
    /// </summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{code}", SwitchLanguage)
            .WithName("SwitchLanguage").ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }

    internal static Results<RedirectHttpResult, ProblemHttpResult> SwitchLanguage(string code, string? returnUrl, HttpContext http, ForcePack force, TimeProvider clock)
    {
        var language = force.Languages.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));
        if (language is null)
        {
            return Problems.NotFound("code", ApiErrors.Text("Language.NotOffered", code, string.Join(", ", force.Languages.Select(l => l.Code))));
        }

        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Code)),
            new CookieOptions
            {
                Expires = clock.GetUtcNow().AddYears(1),
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                Path = "/",
            });
        return TypedResults.Redirect(LocalUrl(returnUrl));
    }

    /// <summary>The link to switch to <paramref name="code"/> and come back to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(string code, string returnUrl) =>
        $"/culture/{Uri.EscapeDataString(code)}?returnUrl={Uri.EscapeDataString(WithoutCultureQuery(LocalUrl(returnUrl)))}";

    /// <summary>A <c>?culture=</c> left in the return URL would override the language just chosen.</summary>
    private static string WithoutCultureQuery(string url)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return url;
        }

        var kept = QueryHelpers.ParseQuery(url[start..])
            .Where(p => !p.Key.Equals("culture", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("ui-culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
        return QueryHelpers.AddQueryString(url[..start], kept);
    }

    /// <summary>The language the current request or circuit is rendered in, as the pack declares it.</summary>
    public static ForceLanguage Current(ForcePack force)
    {
        var culture = CultureInfo.CurrentUICulture;
        return force.Languages.FirstOrDefault(l => string.Equals(l.Code, culture.Name, StringComparison.OrdinalIgnoreCase))
            ?? force.Languages.FirstOrDefault(l => string.Equals(l.Code, culture.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase))
            ?? force.Languages[0];
    }

    /// <summary>Only paths on this site: the switch must not become an open redirect.</summary>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
