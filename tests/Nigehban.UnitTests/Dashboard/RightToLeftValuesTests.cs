using System.Text;
using Nigehban.Web.Components.Localization;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Dashboard.Pages;
using Shouldly;

namespace Nigehban.UnitTests.Dashboard;

/// <summary>
/// "&lt;5" has no letter to take a direction from: on screen it is isolated left to right (an Urdu
/// page would show "5&gt;"), in downloaded files it stays plain text.
/// </summary>
public sealed class RightToLeftValuesTests
{
    [Fact]
    public void SuppressedValue_IsIsolatedLeftToRight_OnScreen()
    {
        var shown = DashboardDisplay.Value(null!, "watchlist_hits", new MetricValue(null, Suppressed: true));

        shown.ShouldBe("\u2066<5\u2069");
    }

    [Fact]
    public void Files_CarryThePlainValue_WithoutTheScreensIsolateMarks()
    {
        var shown = DashboardDisplay.Value(null!, "watchlist_hits", new MetricValue(null, Suppressed: true));
        var table = new DashboardTable("children", ["Unit", "Received"], [[TableCell.Label(Bidi.Isolate("لاہور")), new TableCell(shown, null)]]);

        var csv = Encoding.UTF8.GetString(TableFiles.Csv(table));

        csv[1..].ShouldBe("Unit,Received\r\nلاہور,<5\r\n");
    }
}
