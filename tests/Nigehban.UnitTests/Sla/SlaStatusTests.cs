using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.Sla;

public sealed class SlaStatusTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddHours(100);

    [Theory]
    [InlineData(0, SlaState.OnTime)]
    [InlineData(79, SlaState.OnTime)]
    [InlineData(80, SlaState.DueSoon)]
    [InlineData(100, SlaState.DueSoon)]
    [InlineData(101, SlaState.Breached)]
    public void Of_OpenItem_ByTimeRemaining(int hoursSinceStart, SlaState expected)
    {
        SlaStatus.Of(Start, Due, Start.AddHours(hoursSinceStart)).ShouldBe(expected);
    }

    [Fact]
    public void Of_CompletedItem_IsOnTimeOrBreached_ByWhenItWasCompleted()
    {
        var muchLater = Due.AddDays(30);

        SlaStatus.Of(Start, Due, muchLater, completedAt: Due.AddHours(-1)).ShouldBe(SlaState.OnTime);
        SlaStatus.Of(Start, Due, muchLater, completedAt: Due).ShouldBe(SlaState.OnTime);
        SlaStatus.Of(Start, Due, muchLater, completedAt: Due.AddSeconds(1)).ShouldBe(SlaState.Breached);
        SlaStatus.Of(Start, Due, Start.AddHours(95), completedAt: Start.AddHours(90)).ShouldBe(SlaState.OnTime);
    }

    [Fact]
    public void Of_TakesTheDueSoonFraction()
    {
        SlaStatus.Of(Start, Due, Start.AddHours(60), dueSoonFraction: 0.5).ShouldBe(SlaState.DueSoon);
        Should.Throw<ArgumentOutOfRangeException>(() => SlaStatus.Of(Start, Due, Start, dueSoonFraction: 1.5));
    }
}
