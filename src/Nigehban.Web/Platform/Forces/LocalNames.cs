using System.Globalization;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// A name the pack gives in several languages (the force's, a unit's): the one for the reader's
/// culture, by full tag ("ur-PK") or by language ("ur"), else the name in the default language.
/// </summary>
public static class LocalNames
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static string Pick(IReadOnlyDictionary<string, string> names, string fallback, CultureInfo culture) =>
        names.Count > 0 && (names.TryGetValue(culture.Name, out var name) || names.TryGetValue(culture.TwoLetterISOLanguageName, out name))
            ? name
            : fallback;
}
