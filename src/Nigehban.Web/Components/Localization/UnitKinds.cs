using Microsoft.Extensions.Localization;

namespace Nigehban.Web.Components.Localization;

/// <summary>
/// Unit kinds come from the force pack (station, sector, district...). Known ones have translated
/// labels (<c>Kind.station</c>, <c>Kinds.station</c>); a kind a new pack invents shows as written.
/// </summary>
public static class UnitKinds
{
    public static string Label(IStringLocalizer localizer, string kind) => Lookup(localizer, "Kind." + kind, kind);

    public static string PluralLabel(IStringLocalizer localizer, string kind) => Lookup(localizer, "Kinds." + kind, kind);

    private static string Lookup(IStringLocalizer localizer, string key, string kind)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? char.ToUpperInvariant(kind[0]) + kind[1..] : text.Value;
    }
}
