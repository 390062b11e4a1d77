using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Forces;

/// <summary>
/// A broken pack is refused with the file and the line to fix. Each test copies a shipped pack to
/// a temporary folder, breaks one thing and checks the message points at it.
/// </summary>
public sealed class ForcePackLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-pack-tests", Guid.NewGuid().ToString("N"));

    public ForcePackLoaderTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(PackFolders.Punjab))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_ReadsPunjabPack()
    {
        var pack = ForcePackLoader.Load(PackFolders.Punjab);

        pack.Code.ShouldBe("punjab");
        pack.TimeZone.Id.ShouldBe("Asia/Karachi");
        pack.Languages.Select(l => (l.Code, l.RightToLeft)).ShouldBe([("en", false), ("ur", true)]);
        pack.Units.Count(u => u.Kind == "region").ShouldBe(10);
        pack.Units.Count(u => u.Kind == "district").ShouldBe(42);
        pack.Units.Where(u => u.Kind == "district").ShouldAllBe(u => u.ShortCode != null);
        pack.Calendar.WorkingDays.Count.ShouldBe(5);
        pack.Calendar.IsWorkingDay(new DateOnly(2026, 8, 14)).ShouldBeFalse(); // Independence Day, a Friday
        pack.Calendar.IsWorkingDay(new DateOnly(2026, 8, 13)).ShouldBeTrue();
    }

    [Fact]
    public void Load_ReadsRwandaPack()
    {
        var pack = ForcePackLoader.Load(PackFolders.Rwanda);

        pack.TimeZone.Id.ShouldBe("Africa/Kigali");
        pack.Languages.Select(l => l.Code).ShouldBe(["en", "rw", "fr"]);
        pack.Units.Count(u => u.Kind == "province").ShouldBe(5);
        pack.Units.Count(u => u.Kind == "district").ShouldBe(30);
        pack.Units.Count(u => u.Kind == "sector").ShouldBe(416);
        pack.NationalId.Names["rw"].ShouldBe("Indangamuntu");
        pack.NationalId.Names["fr"].ShouldBe("Carte d'identité nationale");
    }

    [Theory]
    [InlineData("en", "National ID")]
    [InlineData("rw", "Indangamuntu")]
    [InlineData("fr", "Carte d'identité nationale")]
    [InlineData("fr-RW", "Carte d'identité nationale")]
    [InlineData("de", "National ID")]
    public void NationalIdName_IsTheOneOfTheReadersLanguage(string culture, string expected)
    {
        var pack = ForcePackLoader.Load(PackFolders.Rwanda);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            pack.NationalId.LocalName.ShouldBe(expected);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Load_ReportsLineOfNationalIdNameInALanguageThePackDoesNotSpeak()
    {
        var line = Edit("force.json", "\"names\": { \"ur\": \"قومی شناختی کارڈ\" }", "\"names\": { \"ur\": \"قومی شناختی کارڈ\", \"fr\": \"CNI\" }");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("nationalId.names: 'fr'");
    }

    [Theory]
    [InlineData("en", "Father's name", "Parent's name")]
    [InlineData("ur", "والد کا نام", "Parent's name")]
    public void Parentage_IsThePacksWord_AndTheFallbackWhereThePackHasNone(string culture, string punjab, string rwanda)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            ForcePackLoader.Load(PackFolders.Punjab).ParentageOr("Parent's name").ShouldBe(punjab);
            ForcePackLoader.Load(PackFolders.Rwanda).ParentageOr("Parent's name").ShouldBe(rwanda);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Load_ReportsLineOfParentageInALanguageThePackDoesNotSpeak()
    {
        var line = Edit("force.json", "\"parentage\": { \"en\": \"Father's name\",", "\"parentage\": { \"rw\": \"Izina rya se\", \"en\": \"Father's name\",");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("parentage: 'rw'");
    }

    [Fact]
    public void Load_ReportsLineOfInvalidJson()
    {
        // Drop the comma after the time zone: the parser stops at the next line.
        var line = Edit("force.json", "\"timeZone\": \"Asia/Karachi\",", "\"timeZone\": \"Asia/Karachi\"");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line + 1);
    }

    [Fact]
    public void Load_ReportsLineOfUnknownTimeZone()
    {
        var line = Edit("force.json", "\"Asia/Karachi\"", "\"Asia/Karachii\"");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("Asia/Karachii");
    }

    [Fact]
    public void Load_ReportsLineOfValueOfWrongType()
    {
        var line = Edit("force.json", "\"currency\": \"PKR\"", "\"currency\": 586");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsLineOfUnknownProperty()
    {
        var line = Edit("force.json", "\"currency\": \"PKR\",", "\"currency\": \"PKR\", \"curency\": \"PKR\",");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsLineOfLanguageWithoutName()
    {
        var line = Edit("force.json", "{ \"code\": \"ur\", \"name\": \"اردو\", \"rtl\": true }", "{ \"code\": \"ur\", \"rtl\": true }");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("name");
    }

    [Fact]
    public void Load_ReportsLineOfNationalIdExampleThatBreaksTheRule()
    {
        var line = Edit("force.json", "\"example\": \"35202-1234567-1\"", "\"example\": \"35202-123456-1\"");

        var error = ShouldFail("force.json");

        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsLineOfMisspeltWorkingDay()
    {
        var line = Edit("calendar.json", "\"Tuesday\"", "\"Tuesdy\"");

        var error = ShouldFail("calendar.json");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("Tuesdy");
    }

    [Fact]
    public void Load_ReportsLineOfBadHolidayDate()
    {
        var line = Edit("calendar.json", "\"2026-05-01\"", "\"2026-13-01\"");

        ShouldFail("calendar.json").Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsSecondLineOfRepeatedHoliday()
    {
        var line = Edit("calendar.json", "\"2027-05-01\"", "\"2026-05-01\"");

        ShouldFail("calendar.json").Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsLineOfDuplicateUnitCode()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "LHR,Sialkot,district,RGN-GRW,SKT");

        var error = ShouldFail("units.csv");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("duplicate unit code 'LHR'");
    }

    [Fact]
    public void Load_ReportsLineOfAStrayQuote_RatherThanReadingAGuess()
    {
        // The pack's reader once toggled quoting at any quote, read the rest of this line as one field
        // and blamed the column count; it now reads quotes as imports do and names the real mistake.
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot \"Cantt,district,RGN-GRW,SKT");

        var error = ShouldFail("units.csv");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("malformed CSV");
    }

    [Fact]
    public void Load_ReportsLineOfUnknownParent()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot,district,RGN-NOWHERE,SKT");

        var error = ShouldFail("units.csv");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("RGN-NOWHERE");
    }

    [Fact]
    public void Load_ReportsLineOfUnknownKind()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot,distrct,RGN-GRW,SKT");

        var error = ShouldFail("units.csv");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("distrct");
    }

    [Fact]
    public void Load_ReportsLineOfKindInWrongPlaceInHierarchy()
    {
        // A region under a district turns the hierarchy upside down.
        var line = Edit("units.csv", "SKT-C1,\"City Circle, Sialkot (sample)\",subdivision,SKT,", "SKT-C1,\"City Circle, Sialkot (sample)\",region,SKT,");

        var error = ShouldFail("units.csv");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("cannot sit under");
    }

    [Fact]
    public void Load_ReportsLineOfWrongColumnCount()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot,district,RGN-GRW");

        ShouldFail("units.csv").Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsLineOfSecondRoot()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT,سیالکوٹ", "SKT,Sialkot,district,RGN-GRW,SKT,سیالکوٹ\nPB2,Punjab Two,province,,,");

        ShouldFail("units.csv").Line.ShouldBe(line + 1);
    }

    [Fact]
    public void Load_ReportsLineOfDistrictWithoutShortCode()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot,district,RGN-GRW,");

        var error = ShouldFail("units.csv");

        error.Line.ShouldBe(line);
        error.Message.ShouldContain("short_code");
    }

    [Fact]
    public void Load_ReportsLineOfRepeatedShortCode()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot,district,RGN-GRW,LHR");

        ShouldFail("units.csv").Line.ShouldBe(line);
    }

    [Fact]
    public void Load_ReportsMissingFile()
    {
        File.Delete(Path.Combine(_folder, "calendar.json"));

        ShouldFail("calendar.json").Message.ShouldContain("not found");
    }

    [Fact]
    public void Exception_MessageStartsWithFileAndLine()
    {
        var line = Edit("units.csv", "SKT,Sialkot,district,RGN-GRW,SKT", "SKT,Sialkot,distrct,RGN-GRW,SKT");

        var error = ShouldFail("units.csv");

        error.Message.ShouldStartWith($"{Path.Combine(_folder, "units.csv")}:{line}: ");
    }

    /// <summary>Replaces the one line holding <paramref name="find"/> and returns its 1-based number.</summary>
    private int Edit(string file, string find, string replace)
    {
        var path = Path.Combine(_folder, file);
        var text = File.ReadAllText(path);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, $"'{find}' not found in {file}");
        text.IndexOf(find, index + find.Length, StringComparison.Ordinal).ShouldBe(-1, $"'{find}' occurs twice in {file}");
        File.WriteAllText(path, text.Remove(index, find.Length).Insert(index, replace));
        return text.AsSpan(0, index).Count('\n') + 1;
    }

    private ForcePackException ShouldFail(string file)
    {
        var error = Should.Throw<ForcePackException>(() => ForcePackLoader.Load(_folder));
        Path.GetFileName(error.File).ShouldBe(file);
        return error;
    }
}

public sealed class ForceRegistrationTests
{
    [Fact]
    public void LocatePack_FindsShippedPackByName()
    {
        var folder = ForceRegistration.LocatePack("rwanda");

        Path.GetFileName(folder).ShouldBe("rwanda");
        File.Exists(Path.Combine(folder, "force.json")).ShouldBeTrue();
    }

    [Fact]
    public void LocatePack_NamesAvailablePacks_WhenNameIsMistyped()
    {
        var error = Should.Throw<ForcePackException>(() => ForceRegistration.LocatePack("punjabb"));

        error.Message.ShouldContain("'punjabb'");
        error.Message.ShouldContain("punjab, rwanda");
    }
}
