using System.Globalization;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// The days a report may ask about. The calendar's own edges (0001-01-01, 9999-12-31) overflow
/// the arithmetic every report does around its range (the period before it, the day after its
/// end, a time-zone shift), so a day outside these bounds, a range ending before it starts or one
/// longer than <see cref="MaxDays"/> is refused as bad input naming the field (ADR-025).
/// </summary>
public static class ReportDays
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    /// <summary>About ten years: a daily series this long is still a page of JSON, not a memory hog.</summary>
    public const int MaxDays = 3660;

    /// <summary>Throws <see cref="ValidationFailedException"/> naming <paramref name="field"/> when the day is out of bounds.</summary>
    public static DateOnly Within(DateOnly day, string field) =>
        day >= Earliest && day <= Latest
            ? day
            : throw new ValidationFailedException(field, ApiErrors.Text("Day.OutOfRange", field,
                Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>Both days in bounds, <paramref name="to"/> not before <paramref name="from"/>, and not too long.</summary>
    public static void Check(DateOnly from, DateOnly to, string fromField = "from", string toField = "to")
    {
        Within(from, fromField);
        Within(to, toField);
        if (to < from)
        {
            throw new ValidationFailedException(toField, ApiErrors.Text("Day.Before", toField, fromField));
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw new ValidationFailedException(fromField, ApiErrors.Text("Day.RangeTooLong", fromField, toField, MaxDays));
        }
    }
}
