using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Localization;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// The sentences a refusal is told in (a ProblemDetails <c>detail</c> and its per-field errors, a
/// console's error message), from one resource family of a module: <c>Xxx.resx</c> in English and
/// one file per language. A handler asks for a sentence by key while it runs, so it comes in the
/// reader's language: the request's culture (Accept-Language for the API, the culture cookie for
/// pages) or the console circuit's. What a program reads (field names, <c>type</c>, status) never
/// changes with the language (ADR-040).
/// </summary>
public sealed class ErrorTexts(Type family)
{
    private readonly ResourceManager _resources = new(family);

    /// <summary>The sentence <paramref name="key"/> in the current UI culture, with its values filled in.</summary>
    public string Get(string key, params object?[] values) => In(CultureInfo.CurrentUICulture, key, values);

    public string In(CultureInfo culture, string key, params object?[] values)
    {
        // A key that is not in the family is a programming error; a test checks every key the code uses.
        var text = _resources.GetString(key, culture) ?? throw new InvalidOperationException($"error text '{key}' is missing from {_resources.BaseName}");
        return values.Length == 0 ? text : string.Format(culture, text, values);
    }

    /// <summary>
    /// The language of the request. Middleware outside request localization (the exception handler,
    /// status-code pages) runs in the server's culture, so it asks the request for its own.
    /// </summary>
    public static CultureInfo CultureOf(HttpContext httpContext) =>
        httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
}

/// <summary>The Platform's own error texts (<c>ApiErrors.resx</c>): binding, paging, periods, units, the framework's statuses.</summary>
public sealed class ApiErrors
{
    private static readonly ErrorTexts Texts = new(typeof(ApiErrors));

    private ApiErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);

    public static string In(HttpContext httpContext, string key, params object?[] values) => Texts.In(ErrorTexts.CultureOf(httpContext), key, values);

    public static string In(CultureInfo culture, string key, params object?[] values) => Texts.In(culture, key, values);
}
