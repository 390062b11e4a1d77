using System.Globalization;
using Nigehban.Web.Features.ServiceCentres;
using Shouldly;

namespace Nigehban.UnitTests.ServiceCentres;

/// <summary>One way of telling a deadline, for staff and citizens: its last day on the force's clock (ADR-034).</summary>
public sealed class DeadlineDisplayTests
{
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");
    private static readonly TimeZoneInfo Kigali = TimeZoneInfo.FindSystemTimeZoneById("Africa/Kigali");

    [Fact]
    public void AWorkingDayDeadline_IsTheDayBeforeTheLocalMidnightItFallsOn_InEitherForcesZone()
    {
        // Midnight starting 1 December in Pakistan (UTC+5) is 19:00 UTC on 30 November; in Rwanda (UTC+2), 22:00.
        DeadlineDisplay.LastDay(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.Zero), Karachi).ShouldBe((new DateOnly(2026, 11, 30), (TimeOnly?)null));
        DeadlineDisplay.LastDay(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero), Kigali).ShouldBe((new DateOnly(2026, 11, 30), (TimeOnly?)null));
    }

    [Fact]
    public void TheSameInstant_FallsOnTheLastDayOfEachForceItsOwnWay()
    {
        // 19:00 UTC closes 30 November in Pakistan, but is 21:00 on 30 November in Rwanda: a deadline in hours keeps its time.
        var dueAt = new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.Zero);
        DeadlineDisplay.LastDay(dueAt, Kigali).ShouldBe((new DateOnly(2026, 11, 30), (TimeOnly?)new TimeOnly(21, 0)));
        // 22:00 UTC closes 30 November in Rwanda, and is already 03:00 on 1 December in Pakistan.
        DeadlineDisplay.LastDay(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero), Karachi).ShouldBe((new DateOnly(2026, 12, 1), (TimeOnly?)new TimeOnly(3, 0)));
    }

    [Theory]
    [InlineData("en", "By the end of 30 November 2026")]
    [InlineData("fr", "Avant la fin du 30 novembre 2026")]
    public void Describe_NamesTheLastDay_InTheReadersLanguage(string language, string expected)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            DeadlineDisplay.Describe(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero), Kigali).ShouldBe(expected);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
