namespace Nigehban.Web.Features.ServiceCentres.Pages.Portal;

/// <summary>
/// How a plain HTML form marks a field in error: a CSS class, <c>aria-invalid</c>, and
/// <c>aria-describedby</c> naming the hint and the message, so a screen reader reads both.
/// </summary>
public static class FieldErrors
{
    public static string? CssClass(this IReadOnlyDictionary<string, string> errors, string field) =>
        errors.ContainsKey(field) ? "field-invalid" : null;

    public static string? AriaInvalid(this IReadOnlyDictionary<string, string> errors, string field) =>
        errors.ContainsKey(field) ? "true" : null;

    public static string? DescribedBy(this IReadOnlyDictionary<string, string> errors, string field, bool hint = false) =>
        string.Join(' ', new[] { hint ? field + "-hint" : null, errors.ContainsKey(field) ? field + "-error" : null }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
