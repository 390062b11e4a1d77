namespace Nigehban.Web.Features.Dashboard;

/// <summary>A closed range of days.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To);

/// <summary>How a range of days is read: the whole months inside it from month rows, the days at its edges from day rows.</summary>
public sealed record RangePlan(DayRange? Months, IReadOnlyList<DayRange> Days);

public static class RollupRanges
{
    public static RangePlan Plan(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "The range ends before it starts.");
        }

        var firstWhole = from.Day == 1 ? from : RollupLevels.MonthOf(from).AddMonths(1);
        var lastWholeEnd = to.AddDays(1).Day == 1 ? to : RollupLevels.MonthOf(to).AddDays(-1);
        if (firstWhole > lastWholeEnd)
        {
            return new RangePlan(null, [new DayRange(from, to)]);
        }

        var days = new List<DayRange>(2);
        if (from < firstWhole)
        {
            days.Add(new DayRange(from, firstWhole.AddDays(-1)));
        }

        if (lastWholeEnd < to)
        {
            days.Add(new DayRange(lastWholeEnd.AddDays(1), to));
        }

        return new RangePlan(new DayRange(firstWhole, RollupLevels.MonthOf(lastWholeEnd)), days);
    }

    /// <summary>The first day of the bucket holding <paramref name="day"/> (weeks start on Monday).</summary>
    public static DateOnly BucketOf(DateOnly day, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Day => day,
        SeriesInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => RollupLevels.MonthOf(day),
    };

    /// <summary>The buckets' first days, each clipped to <paramref name="from"/>.</summary>
    public static IReadOnlyList<DateOnly> Buckets(DateOnly from, DateOnly to, SeriesInterval interval)
    {
        var starts = new List<DateOnly>();
        for (var start = BucketOf(from, interval); start <= to; start = interval switch
        {
            SeriesInterval.Day => start.AddDays(1),
            SeriesInterval.Week => start.AddDays(7),
            _ => start.AddMonths(1),
        })
        {
            starts.Add(start < from ? from : start);
        }

        return starts;
    }
}
