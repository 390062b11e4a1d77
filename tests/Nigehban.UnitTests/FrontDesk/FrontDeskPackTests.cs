using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.FrontDesk;

/// <summary>The front desk's pack file: both shipped packs read, a fault is refused with its file and line, and a pack without the file gets a minimal desk.</summary>
public sealed class FrontDeskPackTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-desk-pack-tests", Guid.NewGuid().ToString("N"));

    public FrontDeskPackTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(PackFolders.Punjab))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath => Path.Combine(_folder, FrontDeskPack.FileName);

    [Fact]
    public void BothShippedPacks_DeclareTheirOwnPrefixCategoriesClocksAndPurposes()
    {
        var punjab = new FrontDeskPack(ForcePackLoader.Load(PackFolders.Punjab));
        var rwanda = new FrontDeskPack(ForcePackLoader.Load(PackFolders.Rwanda));

        punjab.ReferencePrefix.ShouldBe("CMP");
        rwanda.ReferencePrefix.ShouldBe("IKR");
        punjab.VisitorPurposes.Select(p => p.Code).ShouldBe(["complaint", "service", "inquiry", "fir-copy", "other"]);
        rwanda.Categories.ShouldContain(c => c.Code == "gender-based-violence" && c.NameIn("rw") == "Ihohoterwa rishingiye ku gitsina");
        punjab.DeadlineOf(ComplaintStatus.Received, "theft").ShouldBe(Deadline.Hours(24));
        punjab.DeadlineOf(ComplaintStatus.UnderInquiry, "theft").ShouldBe(Deadline.WorkingDays(14));
        punjab.DeadlineOf(ComplaintStatus.UnderInquiry, "missing-person").ShouldBe(Deadline.Hours(48));
        rwanda.SupervisorEscalationAfter.ShouldBe(Deadline.Hours(48));
        // Every category and purpose has a name in every language its pack declares.
        var rwandaLanguages = ForcePackLoader.Load(PackFolders.Rwanda).Languages.Select(l => l.Code).ToList();
        rwanda.Categories.Concat(rwanda.VisitorPurposes).ShouldAllBe(c => rwandaLanguages.All(c.Names.ContainsKey));
        punjab.Categories.Concat(punjab.VisitorPurposes).ShouldAllBe(c => c.Names.ContainsKey("en") && c.Names.ContainsKey("ur"));
    }

    [Fact]
    public void APackWithoutTheFile_GetsAMinimalDesk()
    {
        File.Delete(FilePath);
        var pack = new FrontDeskPack(ForcePackLoader.Load(_folder));

        pack.ReferencePrefix.ShouldBe(FrontDeskPack.DefaultReferencePrefix);
        pack.Categories.ShouldHaveSingleItem().Code.ShouldBe("general");
        pack.VisitorPurposes.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("\"underInquiry\": \"14wd\"", "\"underInquiry\": \"fortnight\"", "underInquiry", "fortnight")]
    [InlineData("\"referencePrefix\": \"CMP\"", "\"referencePrefix\": \"cmp1\"", "referencePrefix", "cmp1")]
    [InlineData("{ \"code\": \"fraud\", \"names\": { \"en\"", "{ \"code\": \"fraud\", \"names\": { \"de\"", "fraud", "\"de\"")]
    [InlineData("{ \"code\": \"fraud\",", "{ \"code\": \"theft\",", "duplicate", "theft")]
    public void AFault_IsRefusedWithTheFileAndTheLineToFix(string find, string replace, string expected, string onTheLine)
    {
        var text = File.ReadAllText(FilePath);
        text.ShouldContain(find);
        File.WriteAllText(FilePath, text.Replace(find, replace, StringComparison.Ordinal));

        var fault = Should.Throw<ForcePackException>(() => new FrontDeskPack(ForcePackLoader.Load(_folder)));

        fault.File.ShouldEndWith(FrontDeskPack.FileName);
        fault.Message.ShouldContain(expected);
        fault.Line.ShouldBeGreaterThan(0);
        File.ReadAllLines(FilePath)[fault.Line - 1].ShouldContain(onTheLine);
    }

    [Fact]
    public void ForceValidate_ChecksTheDesksFile()
    {
        File.WriteAllText(FilePath, File.ReadAllText(FilePath).Replace("\"24h\"", "\"soon\"", StringComparison.Ordinal));

        Should.Throw<ForcePackException>(() => ForcePackValidation.LoadAndCheck(_folder)).File.ShouldEndWith(FrontDeskPack.FileName);
    }
}
