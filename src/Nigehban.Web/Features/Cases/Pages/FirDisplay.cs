using System.Globalization;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Cases.Pages;

/// <summary>How the FIR pages show an instant: in the force's time zone, in the reader's culture.</summary>
public static class FirDisplay
{
    public static string LocalTime(DateTimeOffset at, ForcePack force) =>
        TimeZoneInfo.ConvertTime(at, force.TimeZone).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);
}
