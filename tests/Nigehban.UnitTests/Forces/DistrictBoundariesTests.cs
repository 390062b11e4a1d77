using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Forces;

/// <summary>The optional boundaries file (standard GeoJSON): shipped packs cover every district; a bad file names its line.</summary>
public sealed class DistrictBoundariesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-boundary-tests", Guid.NewGuid().ToString("N"));

    public DistrictBoundariesTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(PackFolders.Punjab))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("punjab", 42)]
    [InlineData("rwanda", 30)]
    public void ShippedPack_HasOneOutlinePerDistrict(string name, int districts)
    {
        var pack = ForcePackLoader.Load(name == "punjab" ? PackFolders.Punjab : PackFolders.Rwanda);

        pack.Boundaries.ShouldNotBeNull();
        pack.Boundaries.Districts.Count.ShouldBe(districts);
        pack.Boundaries.Districts.Select(d => d.Unit).Order().ShouldBe(
            pack.Units.Where(u => u.Kind == pack.ReferenceUnitKind).Select(u => u.Code).Order());
        pack.Boundaries.Districts.ShouldAllBe(d => d.Rings.All(r => r.Count >= 3));
    }

    [Fact]
    public void PackWithoutFile_HasNoMap()
    {
        File.Delete(Path.Combine(_folder, DistrictBoundaries.FileName));

        ForcePackLoader.Load(_folder).Boundaries.ShouldBeNull();
    }

    [Fact]
    public void UnknownDistrictCode_IsRefusedWithItsLine()
    {
        var line = Edit("\"unit\": \"SKT\"", "\"unit\": \"SKX\"");

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.File.ShouldEndWith(DistrictBoundaries.FileName);
        error.Line.ShouldBe(line);
        error.Message.ShouldContain("unknown unit code 'SKX'");
    }

    [Fact]
    public void UnitThatIsNotADistrict_IsRefused()
    {
        var line = Edit("\"unit\": \"SKT\"", "\"unit\": \"RGN-GRW\"");

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("'RGN-GRW' is a region");
    }

    [Fact]
    public void SecondOutlineOfOneDistrict_IsRefusedAtTheSecond()
    {
        var line = Edit("\"unit\": \"SKT\"", "\"unit\": \"LHR\"");

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("'LHR' has two outlines");
    }

    [Fact]
    public void PointOutOfRange_IsRefused()
    {
        var text = File.ReadAllText(FilePath);
        var start = text.IndexOf("\"unit\": \"SKT\"", StringComparison.Ordinal);
        var second = text.IndexOf("], [", text.IndexOf("[[[", start, StringComparison.Ordinal), StringComparison.Ordinal) + 4;
        File.WriteAllText(FilePath, text[..second] + "200, " + text[(text.IndexOf(',', second) + 1)..]);

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Message.ShouldContain("not [longitude, latitude]");
        error.Message.ShouldContain("'SKT'");
    }

    [Fact]
    public void BrokenJson_ReportsItsLine()
    {
        var line = Edit("\"unit\": \"SKT\"}, \"geometry\"", "\"unit\": \"SKT\"} \"geometry\"");

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Line.ShouldBe(line);
    }

    [Fact]
    public void FeatureWithoutUnitCode_IsRefused()
    {
        Edit("{\"unit\": \"SKT\"}", "{\"name\": \"Sialkot\"}");

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Message.ShouldContain("the unit code in its properties");
    }

    [Fact]
    public void GeometryThatIsNoArea_IsRefusedWithItsLine()
    {
        var text = File.ReadAllText(FilePath);
        var start = text.IndexOf("\"unit\": \"SKT\"", StringComparison.Ordinal);
        var line = text.AsSpan(0, start).Count('\n') + 1;
        var lineEnd = text.IndexOf('\n', start);
        File.WriteAllText(FilePath, text[..start] + "\"unit\": \"SKT\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [74.5, 32.5]}}," + text[lineEnd..]);

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("'SKT' must be a Polygon or MultiPolygon");
    }

    [Fact]
    public void PackWithTheOlderFileOnly_StillHasItsMap()
    {
        File.Delete(FilePath);
        File.WriteAllText(Path.Combine(_folder, DistrictBoundaries.LegacyFileName),
            """{ "districts": [ { "unit": "LHR", "rings": [[[74.1, 31.4], [74.5, 31.4], [74.5, 31.7]]] } ] }""");

        var boundaries = ForcePackLoader.Load(_folder).Boundaries;

        boundaries.ShouldNotBeNull();
        boundaries.Districts.Single().Unit.ShouldBe("LHR");
        boundaries.Districts.Single().Rings.Single().Count.ShouldBe(3);
    }

    [Fact]
    public void ShippedOutlines_AreReadWithoutTheirRepeatedClosingPoint()
    {
        var text = File.ReadAllText(FilePath);
        var boundaries = ForcePackLoader.Load(_folder).Boundaries!;

        text.ShouldStartWith("{\n  \"type\": \"FeatureCollection\"");
        boundaries.Districts.ShouldAllBe(d => d.Rings.All(r => r[0] != r[r.Count - 1]));
    }

    private string FilePath => Path.Combine(_folder, DistrictBoundaries.FileName);

    /// <summary>Replaces text in the copied file and returns the 1-based line where it was.</summary>
    private int Edit(string find, string replace)
    {
        var text = File.ReadAllText(FilePath);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, find);
        File.WriteAllText(FilePath, text[..index] + replace + text[(index + find.Length)..]);
        return text.AsSpan(0, index).Count('\n') + 1;
    }
}
