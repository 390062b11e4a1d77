using System.Globalization;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Protection.Pages.Console;

/// <summary>
/// The strings of the protection desk's and partners' console pages: <c>ProtectionConsoleText.resx</c>
/// (English, the fallback) and one file per language of the packs (ur, rw, fr).
/// </summary>
public sealed class ProtectionConsoleText;

/// <summary>What the protection pages show the same way: times in the force's zone, pack codes by their names.</summary>
public sealed class ProtectionDisplay(ForcePack force, ProtectionPack pack)
{
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public string Time(DateTimeOffset? at) =>
        at is { } instant ? TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public string Centre(string unitCode) => pack.Centre(unitCode)?.NameIn(Language) ?? unitCode;

    public string Groups(string codes) => string.Join(", ", codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => pack.Group(c)?.NameIn(Language) ?? c));

    public string Needs(string codes) => string.Join(", ", codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => pack.Need(c)?.NameIn(Language) ?? c));

    public string Partner(string code) => pack.Partner(code)?.NameIn(Language) ?? code;
}
