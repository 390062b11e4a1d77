using Nigehban.Web.Platform.Units;
using System.Globalization;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Forces;

/// <summary>Unit names in the pack's languages: the <c>name_&lt;language&gt;</c> columns of <c>units.csv</c>.</summary>
public sealed class UnitNameTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-unit-names", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Punjab_NamesTheProvinceRegionsAndDistrictsInUrdu()
    {
        var pack = ForcePackLoader.Load(PackFolders.Punjab);

        pack.Units.Single(u => u.Code == "LHR").Names["ur"].ShouldBe("لاہور");
        pack.Units.Single(u => u.Code == "RGN-SKP").Names["ur"].ShouldBe("شیخوپورہ ریجن");
        foreach (var unit in pack.Units.Where(u => u.Kind is "province" or "region" or "district"))
        {
            // Urdu script only (and the brackets of "Capital City Police"): a Latin letter means an untranslated name.
            unit.Names.ContainsKey("ur").ShouldBeTrue(unit.Code);
            unit.Names["ur"].ShouldNotContain(c => char.IsAsciiLetter(c), unit.Code);
        }
    }

    [Fact]
    public void Rwanda_NamesProvincesInKinyarwandaAndFrench_AndLeavesSameNamesToFallBack()
    {
        var pack = ForcePackLoader.Load(PackFolders.Rwanda);

        var east = pack.Units.Single(u => u.Code == "EP");
        east.Names["rw"].ShouldBe("Intara y'Iburasirazuba");
        east.Names["fr"].ShouldBe("Province de l'Est");
        pack.Units.Single(u => u.Code == "BUG").Names.ShouldBeEmpty();
    }

    [Fact]
    public void ForceName_ComesInThePacksLanguages_AndFallsBackToTheDefaultName()
    {
        var rwanda = ForcePackLoader.Load(PackFolders.Rwanda);

        rwanda.Names["rw"].ShouldBe("Polisi y'u Rwanda");
        LocalNames.Pick(rwanda.Names, rwanda.Name, CultureInfo.GetCultureInfo("fr")).ShouldBe("Police nationale du Rwanda");
        LocalNames.Pick(rwanda.Names, rwanda.Name, CultureInfo.GetCultureInfo("en")).ShouldBe("Rwanda National Police");
        ForcePackLoader.Load(PackFolders.Punjab).Names["ur"].ShouldBe("پنجاب پولیس");
    }

    [Fact]
    public void Load_RefusesAForceNameInALanguageThePackDoesNotDeclare()
    {
        CopyPack(PackFolders.Punjab);
        var path = Path.Combine(_folder, "force.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"names\": { \"ur\"", "\"names\": { \"de\"", StringComparison.Ordinal));

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        Path.GetFileName(error.File).ShouldBe("force.json");
        error.Message.ShouldContain("'de'");
    }

    [Fact]
    public void Load_RefusesANameColumnForALanguageThePackDoesNotDeclare()
    {
        CopyPack(PackFolders.Punjab);
        var path = Path.Combine(_folder, "units.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace(",name_ur\n", ",name_de\n", StringComparison.Ordinal));

        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));

        Path.GetFileName(error.File).ShouldBe("units.csv");
        error.Line.ShouldBe(1);
        error.Message.ShouldContain("'name_de'");
    }

    [Fact]
    public void Directory_ShowsTheNameInTheReadersLanguage_AndTheDefaultNameOtherwise()
    {
        var pack = ForcePackLoader.Load(PackFolders.Punjab);
        var directory = new UnitDirectory(pack);
        directory.Replace([new UnitInfo("LHR", "Lahore", "district", "RGN-LHR", "/PB/RGN-LHR/LHR/", 2, "LHR")]);
        var lahore = directory.Find("LHR")!;

        lahore.NameIn(CultureInfo.GetCultureInfo("ur")).ShouldBe("لاہور");
        lahore.NameIn(CultureInfo.GetCultureInfo("ur-PK")).ShouldBe("لاہور");
        lahore.NameIn(CultureInfo.GetCultureInfo("en")).ShouldBe("Lahore");
        lahore.NameIn(CultureInfo.GetCultureInfo("fr")).ShouldBe("Lahore");

        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ur");
            lahore.LocalName.ShouldBe("لاہور");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private void CopyPack(string pack)
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(pack))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }
}
