using Nigehban.Web.Features.Dashboard;
using Shouldly;

namespace Nigehban.UnitTests.Dashboard;

public sealed class RollupRangesTests
{
    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Plan_UsesMonthRowsOnly_ForWholeMonths()
    {
        var plan = RollupRanges.Plan(D("2026-01-01"), D("2026-03-31"));
        plan.Months.ShouldBe(new DayRange(D("2026-01-01"), D("2026-03-01")));
        plan.Days.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_ReadsEdgeDays_BesideTheWholeMonths()
    {
        var plan = RollupRanges.Plan(D("2026-01-15"), D("2026-04-10"));
        plan.Months.ShouldBe(new DayRange(D("2026-02-01"), D("2026-03-01")));
        plan.Days.ShouldBe([new DayRange(D("2026-01-15"), D("2026-01-31")), new DayRange(D("2026-04-01"), D("2026-04-10"))]);
    }

    [Theory]
    [InlineData("2026-02-03", "2026-02-20")] // inside one month
    [InlineData("2026-01-20", "2026-02-10")] // across a month boundary, no whole month
    [InlineData("2026-02-01", "2026-02-27")] // starts a month, stops short of its end
    [InlineData("2026-03-05", "2026-03-05")] // one day
    public void Plan_ReadsDaysOnly_WhenNoWholeMonthFits(string from, string to)
    {
        var plan = RollupRanges.Plan(D(from), D(to));
        plan.Months.ShouldBeNull();
        plan.Days.ShouldBe([new DayRange(D(from), D(to))]);
    }

    [Fact]
    public void Plan_HandlesLeapFebruaryAndYearEnds()
    {
        var plan = RollupRanges.Plan(D("2027-12-31"), D("2028-02-29"));
        plan.Months.ShouldBe(new DayRange(D("2028-01-01"), D("2028-02-01")));
        plan.Days.ShouldBe([new DayRange(D("2027-12-31"), D("2027-12-31"))]);
    }

    [Fact]
    public void Plan_CoversEveryDayExactlyOnce_ForManyRanges()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var from = D("2024-01-01").AddDays(random.Next(0, 900));
            var to = from.AddDays(random.Next(0, 500));
            var plan = RollupRanges.Plan(from, to);
            var covered = new List<DateOnly>();
            if (plan.Months is { } months)
            {
                for (var m = months.From; m <= months.To; m = m.AddMonths(1))
                {
                    m.Day.ShouldBe(1);
                    for (var d = m; d < m.AddMonths(1); d = d.AddDays(1))
                    {
                        covered.Add(d);
                    }
                }
            }

            foreach (var range in plan.Days)
            {
                for (var d = range.From; d <= range.To; d = d.AddDays(1))
                {
                    covered.Add(d);
                }
            }

            covered.Order().ShouldBe(Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays), $"{from}..{to}");
        }
    }

    [Fact]
    public void Buckets_StartOnMonday_ForWeeks_ClippedToTheRange()
    {
        // 2026-03-04 is a Wednesday.
        RollupRanges.Buckets(D("2026-03-04"), D("2026-03-20"), SeriesInterval.Week)
            .ShouldBe([D("2026-03-04"), D("2026-03-09"), D("2026-03-16")]);
        RollupRanges.Buckets(D("2026-01-15"), D("2026-03-01"), SeriesInterval.Month)
            .ShouldBe([D("2026-01-15"), D("2026-02-01"), D("2026-03-01")]);
        RollupRanges.Buckets(D("2026-01-30"), D("2026-02-01"), SeriesInterval.Day).Count.ShouldBe(3);
    }

    [Fact]
    public void Plan_Refuses_ARangeEndingBeforeItStarts() =>
        Should.Throw<ArgumentOutOfRangeException>(() => RollupRanges.Plan(D("2026-03-02"), D("2026-03-01")));
}
