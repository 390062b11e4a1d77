using Nigehban.Web.Features.Dashboard.Pages;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Dashboard;

public sealed class ColourScaleTests
{
    [Fact]
    public void Values_FallInClassesFromLowToHigh()
    {
        var scale = new ColourScale([0, 10, 20, 30, 40, 50]);

        scale.ClassOf(0).ShouldBe(0);
        scale.ClassOf(9.9).ShouldBe(0);
        scale.ClassOf(10).ShouldBe(1);
        scale.ClassOf(49).ShouldBe(4);
        scale.ClassOf(50).ShouldBe(4);
        scale.ColourOf(0).ShouldNotBe(scale.ColourOf(50));
    }

    [Fact]
    public void MissingOrSuppressedValue_IsGrey() =>
        new ColourScale([1, 2]).ColourOf(null).ShouldBe(ColourScale.NoData);

    [Fact]
    public void EqualValues_UseOneMiddleClass()
    {
        var scale = new ColourScale([7, 7, 7]);

        scale.ClassOf(7).ShouldBe(ColourScale.ClassCount / 2);
        scale.Legend().Count.ShouldBe(1);
    }

    [Fact]
    public void Legend_OfCounts_BandsWholeNumbersWithoutGaps()
    {
        var legend = new ColourScale([3, 103]).Legend();

        legend.Count.ShouldBe(ColourScale.ClassCount);
        legend[0].From.ShouldBe(3);
        legend[^1].To.ShouldBe(103);
        for (var i = 0; i < legend.Count; i++)
        {
            legend[i].From.ShouldBe(Math.Floor(legend[i].From));
            legend[i].To.ShouldBe(Math.Floor(legend[i].To));
            if (i > 0)
            {
                legend[i].From.ShouldBe(legend[i - 1].To + 1);
            }
        }

        legend.Select(l => l.Colour).Distinct().Count().ShouldBe(legend.Count);
    }

    [Fact]
    public void Legend_OfSmallCounts_HasOneClassPerCount_NeverAFraction()
    {
        var scale = new ColourScale([0, 0, 1, 0]);

        scale.Legend().Select(ColourScale.Label).ShouldBe(["0", "1"]);
        scale.ColourOf(0).ShouldNotBe(scale.ColourOf(1));
        scale.ColourOf(1).ShouldBe(scale.Legend()[^1].Colour);

        new ColourScale([0, 2, 1]).Legend().Select(ColourScale.Label).ShouldBe(["0", "1", "2"]);
    }

    [Fact]
    public void Legend_WhenEveryCountIsZero_IsOneClass_AndWithNoFigures_IsEmpty()
    {
        new ColourScale([0, 0, 0]).Legend().Select(ColourScale.Label).ShouldBe(["0"]);

        new ColourScale([]).HasValues.ShouldBeFalse();
    }

    [Fact]
    public void Legend_OfFractions_CoversTheRangeWithTouchingBands()
    {
        var legend = new ColourScale([0.5, 3.5]).Legend();

        legend.Count.ShouldBe(ColourScale.ClassCount);
        legend[0].From.ShouldBe(0.5);
        legend[^1].To.ShouldBe(3.5);
        for (var i = 1; i < legend.Count; i++)
        {
            legend[i].From.ShouldBe(legend[i - 1].To, 1e-9);
        }
    }

    [Fact]
    public void Projection_PutsNorthAtTopAndWestAtLeft()
    {
        var boundaries = new DistrictBoundaries([
            new DistrictOutline("A", [[new GeoPoint(70, 30), new GeoPoint(71, 30), new GeoPoint(71, 31)]]),
            new DistrictOutline("B", [[new GeoPoint(72, 32), new GeoPoint(73, 32), new GeoPoint(73, 33)]]),
        ]);
        var projection = new MapProjection(boundaries, width: 100, padding: 0);

        projection.Project(new GeoPoint(70, 33)).ShouldBe((0, 0));
        var (x, y) = projection.Project(new GeoPoint(73, 30));
        x.ShouldBe(100, 1e-9);
        y.ShouldBeGreaterThan(0);
        projection.PathOf(boundaries.Districts[0]).ShouldStartWith("M0,");
        projection.PathOf(boundaries.Districts[0]).ShouldEndWith("Z");
    }
}
