using Nigehban.UnitTests;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.Sla;

/// <summary>The working-day rule of ADR-006 on the real Punjab and Rwanda calendars.</summary>
public sealed class DeadlineCalculatorTests
{
    private static readonly Lazy<DeadlineCalculator> Punjab = new(() => new DeadlineCalculator(ForcePackLoader.Load(PackFolders.Punjab)));
    private static readonly Lazy<DeadlineCalculator> Rwanda = new(() => new DeadlineCalculator(ForcePackLoader.Load(PackFolders.Rwanda)));

    private static readonly TimeSpan Pakistan = TimeSpan.FromHours(5);
    private static readonly TimeSpan Kigali = TimeSpan.FromHours(2);

    private static DateTimeOffset Pkt(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, Pakistan);

    private static DateTimeOffset Midnight(int year, int month, int day, TimeSpan offset) => new DateTimeOffset(year, month, day, 0, 0, 0, offset).ToUniversalTime();

    [Fact]
    public void Hours_CountAroundTheClock_ThroughHolidays()
    {
        // Thursday 19 March 2026; Friday 20 March is Eid ul-Fitr.
        var due = Punjab.Value.DueAt(Pkt(2026, 3, 19), Deadline.Hours(24));

        due.ShouldBe(Pkt(2026, 3, 20).ToUniversalTime());
        due.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void WorkingDays_EndAtLocalMidnight_OfTheNthWorkingDayAfterSubmission()
    {
        // Monday 5 January 2026 → Tue, Wed, Thu, Fri, Mon 12 is the fifth working day.
        Punjab.Value.DueAt(Pkt(2026, 1, 5), Deadline.WorkingDays(5)).ShouldBe(Midnight(2026, 1, 13, Pakistan));
    }

    [Fact]
    public void WorkingDays_SkipTheWeekend()
    {
        // Friday afternoon: Saturday and Sunday do not count; Monday is day 1.
        Punjab.Value.DueAt(Pkt(2026, 1, 9, 15), Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 1, 13, Pakistan));
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(11, 23)]
    public void WorkingDays_FromAWeekendSubmission_CountFromTheNextWorkingDay(int day, int hour)
    {
        // Saturday or Sunday: Monday 12 January is day 1, the same deadline as a Friday submission.
        Punjab.Value.DueAt(Pkt(2026, 1, day, hour), Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 1, 13, Pakistan));
    }

    [Fact]
    public void WorkingDays_ThursdayBeforeAFridayHoliday_SkipHolidaysAndWeekend()
    {
        // Thursday 19 March 2026: Friday 20 is Eid ul-Fitr, Saturday 21 Eid and weekend, Sunday,
        // Monday 23 Pakistan Day; Tuesday 24 is the first working day.
        Punjab.Value.DueAt(Pkt(2026, 3, 19, 16), Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 3, 25, Pakistan));
    }

    [Fact]
    public void WorkingDays_SkipEidUlAdha()
    {
        // Tuesday 26 May 2026; Eid ul-Adha on Wednesday 27 and Thursday 28. Friday 29 is day 1,
        // Monday 1 June day 2.
        Punjab.Value.DueAt(Pkt(2026, 5, 26), Deadline.WorkingDays(2)).ShouldBe(Midnight(2026, 6, 2, Pakistan));
    }

    [Fact]
    public void WorkingDays_UseTheForceLocalDate_NotTheUtcDate()
    {
        // 20:30 UTC on Thursday 8 January is 01:30 on Friday 9 January in Lahore: Friday is the
        // day of submission, so one working day ends on Monday, not on Friday.
        var start = new DateTimeOffset(2026, 1, 8, 20, 30, 0, TimeSpan.Zero);

        Punjab.Value.DueAt(start, Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 1, 13, Pakistan));
    }

    [Fact]
    public void WorkingDays_OnAHolidaySubmission_CountFromTheNextWorkingDay()
    {
        // Wednesday 27 May 2026 is Eid ul-Adha; Thursday 28 too; Friday 29 is day 1.
        Punjab.Value.DueAt(Pkt(2026, 5, 27), Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 5, 30, Pakistan));
    }

    [Fact]
    public void Rwanda_EasterAndMemorialDay()
    {
        // Thursday 2 April 2026 in Kigali: Good Friday 3, weekend, Easter Monday 6, Memorial Day 7;
        // Wednesday 8 is the first working day.
        var start = new DateTimeOffset(2026, 4, 2, 10, 0, 0, Kigali);

        Rwanda.Value.DueAt(start, Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 4, 9, Kigali));
        Rwanda.Value.DueAt(start, Deadline.WorkingDays(3)).ShouldBe(Midnight(2026, 4, 11, Kigali));
    }

    [Fact]
    public void Rwanda_LiberationDayOnASaturday_ChangesNothing()
    {
        // Friday 3 July 2026; Liberation Day (4 July) falls on the weekend anyway.
        var start = new DateTimeOffset(2026, 7, 3, 9, 0, 0, Kigali);

        Rwanda.Value.DueAt(start, Deadline.WorkingDays(1)).ShouldBe(Midnight(2026, 7, 7, Kigali));
    }

    [Fact]
    public void WorkingDays_WhenLocalMidnightIsSkipped_EndAtTheFirstInstantOfTheNextDay()
    {
        // A zone at UTC-4 that moves to UTC-3 at midnight starting 6 September: 00:00-00:59 do not exist.
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/MidnightDst", TimeSpan.FromHours(-4), "test", "test", "test",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(2020, 1, 1), new DateTime(2030, 12, 31), TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 9, 6),
                TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 4, 5)),
        ]);
        zone.IsInvalidTime(new DateTime(2026, 9, 6, 0, 30, 0)).ShouldBeTrue();
        var everyDay = new WorkingCalendar(Enum.GetValues<DayOfWeek>(), new Dictionary<DateOnly, string>());
        var calculator = new DeadlineCalculator(everyDay, zone);

        var due = calculator.DueAt(new DateTimeOffset(2026, 9, 4, 12, 0, 0, TimeSpan.FromHours(-4)), Deadline.WorkingDays(1));

        // Day 1 is 5 September; it ends when 6 September begins: 01:00 at UTC-3, which is 04:00 UTC.
        due.ShouldBe(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero));
        TimeZoneInfo.ConvertTime(due, zone).DateTime.ShouldBe(new DateTime(2026, 9, 6, 1, 0, 0));
    }

    [Fact]
    public void WorkingDays_Throw_WhenTheCalendarHasNoWorkingDayForYears()
    {
        var start = new DateOnly(2026, 1, 1);
        var holidays = Enumerable.Range(0, 4000).ToDictionary(i => start.AddDays(i), _ => "closed");
        var closed = new DeadlineCalculator(new WorkingCalendar([DayOfWeek.Monday], holidays), TimeZoneInfo.Utc);

        Should.Throw<InvalidOperationException>(() => closed.DueAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Deadline.WorkingDays(1)));
    }
}
