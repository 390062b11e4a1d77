using System.Text.Json;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Platform.Metrics;
using Shouldly;

namespace Nigehban.UnitTests.Dashboard;

/// <summary>The complementary suppression rule (ADR-073): a lone "&lt;5" in a breakdown never stands beside figures that give it away.</summary>
public sealed class SmallCellsTests
{
    private static readonly MetricDefinition Protected = new("p", "m", MetricFormat.Count, "d", "group", Suppressed: true);
    private static readonly MetricDefinition Open = new("o", "m", MetricFormat.Count, "d", "group");

    private static RollupSums[] Cells(params long[] counts) => [.. counts.Select(c => new RollupSums(c, 0))];

    private static string[] Shown(MetricValue[] values) => [.. values.Select(v => v.ToString())];

    [Fact]
    public void ALoneSmallCell_HidesTheNextSmallestBesideIt()
    {
        // Total 7 = 5 + 2: without the second cell hidden, 7 − 5 gives the 2 away.
        Shown(SmallCells.Breakdown(Protected, Cells(5, 2), new RollupSums(7, 0))).ShouldBe(["hidden", "<5"]);
        Shown(SmallCells.Breakdown(Protected, Cells(9, 6, 3))).ShouldBe(["9", "hidden", "<5"]);
    }

    [Fact]
    public void TiesGoToTheFirst_AndEmptyCellsAreNeverTheComplement()
    {
        Shown(SmallCells.Breakdown(Protected, Cells(0, 8, 8, 1))).ShouldBe(["0", "hidden", "8", "<5"]);
    }

    [Fact]
    public void TwoSmallCells_OrNone_NeedNoComplement()
    {
        Shown(SmallCells.Breakdown(Protected, Cells(9, 3, 2), new RollupSums(14, 0))).ShouldBe(["9", "<5", "<5"]);
        Shown(SmallCells.Breakdown(Protected, Cells(9, 6))).ShouldBe(["9", "6"]);
    }

    [Fact]
    public void APartNoRowShows_CountsAsAHiddenCell()
    {
        // The parent's own 2 records are the total minus its sub-units: a small cell nobody sees, worked out unless one more hides.
        Shown(SmallCells.Breakdown(Protected, Cells(9, 6), new RollupSums(17, 0))).ShouldBe(["9", "hidden"]);
        // A hidden part beside one "<5" already makes two: nothing more to hide.
        Shown(SmallCells.Breakdown(Protected, Cells(9, 3), new RollupSums(14, 0))).ShouldBe(["9", "<5"]);
    }

    [Fact]
    public void ATotalWhosePartsAreAllHidden_KeepsItsFigure_AndOpenMetricsAreUntouched()
    {
        Shown(SmallCells.Breakdown(Protected, Cells(4, 3), new RollupSums(7, 0))).ShouldBe(["<5", "<5"]);
        Shown(SmallCells.Breakdown(Open, Cells(5, 2), new RollupSums(7, 0))).ShouldBe(["5", "2"]);
    }

    [Fact]
    public void TheComplement_IsWrittenAndReadAsHidden()
    {
        JsonSerializer.Serialize(MetricValue.Complementary).ShouldBe("\"hidden\"");
        JsonSerializer.Deserialize<MetricValue>("\"hidden\"").ShouldBe(MetricValue.Complementary);
    }
}
