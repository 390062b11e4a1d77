using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Platform.Sla;

/// <summary>
/// Turns a start instant and a <see cref="Deadline"/> into the instant the item is due, in UTC.
/// </summary>
/// <remarks>
/// The working-day rule (ADR-006): the deadline is the end — local midnight, in the force's time
/// zone — of the Nth working day after the day of submission. The day of submission never
/// counts: on a working day it is already partly gone, and a submission on a weekend or holiday
/// counts from the next working day, which is then day 1. So with Monday-Friday working days and
/// 1wd, a submission on Friday afternoon and one on Saturday are both due at the end of Monday.
/// Where the ending midnight does not exist or occurs twice (a daylight-saving change at
/// midnight) the later instant is used, never giving the citizen less time.
/// </remarks>
public sealed class DeadlineCalculator(WorkingCalendar calendar, TimeZoneInfo timeZone)
{
    /// <summary>Ten years of days: a calendar that finds no working day in that span is broken.</summary>
    private const int MaxDaysScanned = 3660;

    public DeadlineCalculator(ForcePack force)
        : this(force.Calendar, force.TimeZone)
    {
    }

    public DateTimeOffset DueAt(DateTimeOffset start, Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (deadline.Unit == DeadlineUnit.Hours)
        {
            return start.ToUniversalTime().AddHours(deadline.Amount);
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, timeZone).DateTime);
        var counted = 0;
        for (var scanned = 0; counted < deadline.Amount; scanned++)
        {
            if (scanned > MaxDaysScanned)
            {
                throw new InvalidOperationException($"The working calendar has no {deadline.Amount} working days in the ten years after {day}.");
            }

            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return StartOfLocalDay(day.AddDays(1));
    }

    /// <summary>The first instant of a local calendar day, in UTC.</summary>
    public DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = timeZone.IsInvalidTime(midnight) || timeZone.IsAmbiguousTime(midnight)
            // In a gap the day starts at the instant midnight would have had under the offset before
            // the change; when midnight happens twice, the second one. Both use the smaller offset.
            ? Min(timeZone.GetUtcOffset(midnight.AddDays(-1)), timeZone.GetUtcOffset(midnight.AddDays(1)))
            : timeZone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
