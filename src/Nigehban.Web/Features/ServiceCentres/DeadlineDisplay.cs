using System.Globalization;
using System.Resources;
using Nigehban.Web.Features.ServiceCentres.Pages;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// How a deadline is told, to staff and citizens alike (ADR-034): by its last day on the force's
/// clock. A working-day deadline falls at local midnight, the end of its last day, so it reads "By the
/// end of 30 November 2026", never "1 December 2026, 00:00"; a deadline in hours that ends during a
/// day keeps its time ("30 November 2026, 17:00").
/// </summary>
public static class DeadlineDisplay
{
    private static readonly ResourceManager Text = new(typeof(ServiceCentreText));

    /// <summary>The day the deadline ends on the force's clock, and its time when it ends before midnight.</summary>
    public static (DateOnly Day, TimeOnly? Until) LastDay(DateTimeOffset dueAt, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(dueAt, timeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        return local.TimeOfDay == TimeSpan.Zero ? (day.AddDays(-1), null) : (day, TimeOnly.FromTimeSpan(local.TimeOfDay));
    }

    /// <summary>The deadline in the reader's language and the force's time zone.</summary>
    public static string Describe(DateTimeOffset dueAt, TimeZoneInfo timeZone)
    {
        var (day, until) = LastDay(dueAt, timeZone);
        var date = day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
        return until is { } time
            ? date + ", " + time.ToString("HH:mm", CultureInfo.CurrentCulture)
            : string.Format(CultureInfo.CurrentCulture, Text.GetString("Due.EndOfDay", CultureInfo.CurrentUICulture) ?? "{0}", date);
    }

    /// <summary>The same last day for a text message, written so any phone shows it alike ("2026-11-30", "2026-11-30 17:00").</summary>
    public static string ForMessage(DateTimeOffset dueAt, TimeZoneInfo timeZone)
    {
        var (day, until) = LastDay(dueAt, timeZone);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return until is { } time ? date + " " + time.ToString("HH:mm", CultureInfo.InvariantCulture) : date;
    }
}
