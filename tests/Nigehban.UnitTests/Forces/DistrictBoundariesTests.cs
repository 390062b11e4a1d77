using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Forces;

/// <summary>The optional boundaries file: shipped packs cover every district; a bad file names its line.</summary>
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
        var rings = text.IndexOf("[[[", start, StringComparison.Ordinal) + 3;
        File.WriteAllText(FilePath, text[..rings] + "200, " + text[(text.IndexOf(',', rings) + 1)..]);

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Message.ShouldContain("not [longitude, latitude]");
        error.Message.ShouldContain("'SKT'");
    }

    [Fact]
    public void BrokenJson_ReportsItsLine()
    {
        var line = Edit("\"unit\": \"SKT\", \"rings\"", "\"unit\": \"SKT\" \"rings\"");

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        error.Line.ShouldBe(line);
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
