using Nigehban.Web.Features.ServiceCentres;
using Shouldly;

namespace Nigehban.UnitTests.ServiceCentres;

public sealed class LocalDeadlineTests
{
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    [Fact]
    public void WorkingDayDeadline_EndingAtLocalMidnight_IsNamedByTheLocalDayItEnds()
    {
        // 19:00 UTC on the 26th is midnight starting the 27th in Pakistan (UTC+5): the citizen has all of the 26th.
        var dueAt = new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.Zero);
        ServiceRequestNotifications.LocalDeadline(dueAt, Karachi).ShouldBe("2026-11-26");
    }

    [Fact]
    public void HoursDeadline_IsNamedByItsLocalDateAndTime()
    {
        // 21:30 UTC is already the next local day in Pakistan; a UTC date would name the wrong day.
        var dueAt = new DateTimeOffset(2026, 11, 26, 21, 30, 0, TimeSpan.Zero);
        ServiceRequestNotifications.LocalDeadline(dueAt, Karachi).ShouldBe("2026-11-27 02:30");
    }
}
