using System.Globalization;
using Nigehban.Web.Components.StaffConsole;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.Pages.Console;

/// <summary>How the desk's pages show instants, units and pack choices: in the force's time zone and the reader's language.</summary>
public sealed class DeskDisplay(ForcePack force, FrontDeskPack pack, UnitDirectory units, SelectedUnit selected)
{
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public string LocalTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public string LocalClock(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("HH:mm", CultureInfo.CurrentCulture);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, force.TimeZone).DateTime);

    /// <summary>A force-local wall-clock time picked in a form, as an instant; null when none was picked.</summary>
    public DateTimeOffset? FromLocal(DateTime? picked)
    {
        if (picked is not { } local)
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, force.TimeZone.GetUtcOffset(local));
    }

    /// <summary>Now on the force's wall clock, to the minute: what a form's time field starts at.</summary>
    public DateTime LocalMinute(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, force.TimeZone).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    public string Category(string code) => pack.Category(code)?.NameIn(Language) ?? code;

    public string Purpose(string code) => pack.Purpose(code)?.NameIn(Language) ?? code;

    public string UnitName(string code) => units.Find(code)?.NameIn(CultureInfo.CurrentUICulture) ?? code;

    /// <summary>The station whose desk the officer works: the picked unit when it is a station (a front-desk officer's home is one).</summary>
    public UnitInfo? Station => selected.Unit is { } unit && unit.Kind == force.StationUnitKind ? unit : null;

    /// <summary>The units a desk may take a complaint for: the stations in the officer's jurisdiction and the district cells among them.</summary>
    public IEnumerable<UnitInfo> IntakeUnits =>
        selected.Candidates.Where(u => u.Kind == force.StationUnitKind || u.Kind == force.ReferenceUnitKind);

    public bool IsDistrict(UnitInfo unit) => unit.Kind == force.ReferenceUnitKind;

    /// <summary>The other stations of the complaint's district: where a transfer may take it.</summary>
    public IEnumerable<UnitInfo> TransferTargets(string unitCode)
    {
        var district = units.AncestorOfKind(unitCode, force.ReferenceUnitKind);
        return district is null
            ? []
            : units.All.Where(u => u.Kind == force.StationUnitKind && u.Code != unitCode && u.Path.StartsWith(district.Path, StringComparison.Ordinal));
    }
}
