namespace Nigehban.Web.Features.Dashboard.Pages;

public enum PeriodPreset
{
    Last30Days,
    ThisMonth,
    Last12Months,
    Custom,
}

/// <summary>A closed range of force-local days, and the period of the same length just before it (for "change since").</summary>
public readonly record struct DashboardPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public DashboardPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>The preset's range on the force's calendar, <paramref name="today"/> being the force-local date.</summary>
    public static DashboardPeriod For(PeriodPreset preset, DateOnly today) => preset switch
    {
        PeriodPreset.ThisMonth => new(new DateOnly(today.Year, today.Month, 1), today),
        PeriodPreset.Last12Months => LastWholeMonths(today, 12),
        _ => new(today.AddDays(-29), today),
    };

    public static DashboardPeriod LastWholeMonths(DateOnly today, int months)
    {
        var firstOfThisMonth = new DateOnly(today.Year, today.Month, 1);
        return new(firstOfThisMonth.AddMonths(-months), firstOfThisMonth.AddDays(-1));
    }

    /// <summary>The current month so far and the <paramref name="months"/> − 1 before it.</summary>
    public static DashboardPeriod ThisAndPreviousMonths(DateOnly today, int months) =>
        new(new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months), today);

    public static DateOnly Today(TimeProvider clock, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), timeZone).DateTime);
}
