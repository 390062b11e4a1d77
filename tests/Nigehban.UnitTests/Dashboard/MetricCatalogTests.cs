using Nigehban.Web.Features.Dashboard;
using Shouldly;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.UnitTests.Dashboard;

public sealed class MetricCatalogTests
{
    [Fact]
    public void EveryMetric_IsDocumentedInMetricsMd()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "METRICS.md"));
        foreach (var metric in MetricCatalog.All)
        {
            text.ShouldContain($"`{metric.Key}`", customMessage: $"docs/METRICS.md does not describe {metric.Key}");
        }
    }

    [Fact]
    public void EveryMetric_HasALabelAndHelpOfItsOwn_ForTheDashboardToTranslate()
    {
        // Without them the dashboard falls back to the catalogue's English description in every language.
        var resx = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Nigehban.Web", "Features", "Dashboard", "Pages", "DashboardText.resx"));
        var names = resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        MetricCatalog.All.Select(m => m.Key).Where(key => !names.Contains("Metric." + key) || !names.Contains("Help." + key)).ShouldBeEmpty();
    }

    [Fact]
    public void Keys_AreSnakeCase_AndEveryMetricSaysWhatItMeansAndHowItIsCounted()
    {
        MetricCatalog.All.ShouldNotBeEmpty();
        foreach (var metric in MetricCatalog.All)
        {
            metric.Key.ShouldMatch("^[a-z][a-z0-9_]*$");
            metric.Description.ShouldNotBeNullOrWhiteSpace();
            metric.Counting.ShouldNotBeNullOrWhiteSpace();
            MetricCatalog.Find(metric.Key).ShouldBe(metric);
        }
    }

    [Fact]
    public void Values_FollowTheFormat_AndSmallCellsOfSuppressedMetricsHideTheNumber()
    {
        var count = new MetricDefinition("a", "m", MetricFormat.Count, "d");
        var minutes = new MetricDefinition("b", "m", MetricFormat.Minutes, "d");
        var percent = new MetricDefinition("c", "m", MetricFormat.Percent, "d", Suppressed: true);
        count.ValueOf(7, 0).ShouldBe(7);
        minutes.ValueOf(4, 100).ShouldBe(25);
        minutes.ValueOf(0, 0).ShouldBeNull();
        percent.ValueOf(8, 6).ShouldBe(75);

        var suppressed = new MetricDefinition("d", "m", MetricFormat.Count, "d", Suppressed: true);
        SmallCells.ValueOf(suppressed, new RollupSums(4, 0)).ShouldBe(new MetricValue(null, true));
        SmallCells.ValueOf(suppressed, new RollupSums(5, 0)).ShouldBe(new MetricValue(5, false));
        SmallCells.ValueOf(suppressed, new RollupSums(0, 0)).ShouldBe(new MetricValue(0, false));
        System.Text.Json.JsonSerializer.Deserialize<string>(System.Text.Json.JsonSerializer.Serialize(new MetricValue(null, true))).ShouldBe("<5");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Nigehban.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Nigehban.slnx) was not found above the test binaries.");
    }
}
