using Nigehban.Web.Features.Protection;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.Protection;

/// <summary>The protection pack file: both shipped packs read with names in every language they declare; a fault is refused with its file and line.</summary>
public sealed class ProtectionPackTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-protection-pack-tests", Guid.NewGuid().ToString("N"));

    public ProtectionPackTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(PackFolders.Punjab))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath => Path.Combine(_folder, ProtectionPack.FileName);

    [Theory]
    [InlineData("punjab", "PRC")]
    [InlineData("rwanda", "ISG")]
    public void BothShippedPacks_ReadWithEveryNameInEveryLanguage(string force, string prefix)
    {
        var forcePack = ForcePackLoader.Load(force == "punjab" ? PackFolders.Punjab : PackFolders.Rwanda);
        var pack = new ProtectionPack(forcePack);

        pack.IsOffered.ShouldBeTrue();
        pack.ReferencePrefix.ShouldBe(prefix);
        pack.Centres.ShouldNotBeEmpty();
        pack.Groups.ShouldNotBeEmpty();
        pack.Partners.ShouldAllBe(p => p.Needs.All(n => pack.Need(n) != null));
        var languages = forcePack.Languages.Select(l => l.Code).ToList();
        languages.Count.ShouldBeGreaterThan(1);
        var named = pack.Groups.Concat(pack.Needs).Concat(pack.CentreTypes).Select(c => c.Names)
            .Concat(pack.Partners.Select(p => p.Names)).Concat(pack.Centres.Select(c => c.Names)).ToList();
        named.ShouldAllBe(names => languages.All(names.ContainsKey));
        // A translation, not the English copied: most names differ from the English one in every other language.
        foreach (var language in languages.Where(l => l != "en"))
        {
            named.Count(names => names[language] != names["en"]).ShouldBeGreaterThan(named.Count * 3 / 4);
        }
    }

    [Theory]
    [InlineData("punjab")]
    [InlineData("rwanda")]
    public void BothShippedPacks_RunAVirtualDeskAtOneOfTheirCentres(string force)
    {
        var pack = new ProtectionPack(ForcePackLoader.Load(force == "punjab" ? PackFolders.Punjab : PackFolders.Rwanda));
        var desk = pack.VirtualDesk.ShouldNotBeNull();
        pack.Centre(desk.Centre).ShouldNotBeNull();
        desk.AnswerWithinMinutes.ShouldBeGreaterThan(0);
        desk.PanicExitUrl.Scheme.ShouldBe(Uri.UriSchemeHttps);
        desk.CaseGroups.ShouldAllBe(g => pack.Group(g) != null);
    }

    [Fact]
    public void TheClocks_ComeFromThePack()
    {
        var pack = new ProtectionPack(ForcePackLoader.Load(PackFolders.Punjab));
        pack.AcknowledgeWithin.ShouldBe(Deadline.Hours(48));
        pack.OutcomeWithin.ShouldBe(Deadline.WorkingDays(10));
        pack.FirstFollowUpWithin.ShouldBe(Deadline.Hours(72));
    }

    [Fact]
    public void APackWithoutTheFile_OffersNoDesk()
    {
        File.Delete(FilePath);
        new ProtectionPack(ForcePackLoader.Load(_folder)).IsOffered.ShouldBeFalse();
    }

    [Theory]
    [InlineData("\"acknowledgeWithin\": \"48h\"", "\"acknowledgeWithin\": \"soon\"", "acknowledgeWithin", "soon")]
    [InlineData("{ \"unit\": \"LHR-PS02\"", "{ \"unit\": \"NOWHERE\"", "NOWHERE", "NOWHERE")]
    [InlineData("\"needs\": [ \"legal-aid\" ]", "\"needs\": [ \"yoga\" ]", "bar-legal-aid", "yoga")]
    [InlineData("\"type\": \"meesaq\"", "\"type\": \"castle\"", "castle", "castle")]
    [InlineData("{ \"code\": \"elderly\", \"names\": { \"en\"", "{ \"code\": \"elderly\", \"names\": { \"de\"", "elderly", "\"de\"")]
    [InlineData("\"centre\": \"LHR-PS01\"", "\"centre\": \"LHR-PS77\"", "virtualDesk.centre", "LHR-PS77")]
    [InlineData("\"messageMaxLength\": 2000", "\"messageMaxLength\": 90000", "messageMaxLength", "90000")]
    [InlineData("\"panicExitUrl\": \"https://www.google.com/search?q=weather+lahore\"", "\"panicExitUrl\": \"javascript:alert(1)\"", "panicExitUrl", "javascript")]
    [InlineData("\"caseGroups\": [ \"woman\" ]", "\"caseGroups\": [ \"martian\" ]", "caseGroups", "martian")]
    public void AFault_IsRefusedWithTheFileAndTheLineToFix(string find, string replace, string expected, string onTheLine)
    {
        var text = File.ReadAllText(FilePath);
        text.ShouldContain(find);
        File.WriteAllText(FilePath, text.Replace(find, replace, StringComparison.Ordinal));

        var fault = Should.Throw<ForcePackException>(() => new ProtectionPack(ForcePackLoader.Load(_folder)));

        fault.File.ShouldEndWith(ProtectionPack.FileName);
        fault.Message.ShouldContain(expected);
        fault.Line.ShouldBeGreaterThan(0);
        File.ReadAllLines(FilePath)[fault.Line - 1].ShouldContain(onTheLine);
    }

    [Fact]
    public void ForceValidate_ChecksTheProtectionFile()
    {
        File.WriteAllText(FilePath, File.ReadAllText(FilePath).Replace("\"72h\"", "\"later\"", StringComparison.Ordinal));
        Should.Throw<ForcePackException>(() => ForcePackValidation.LoadAndCheck(_folder)).File.ShouldEndWith(ProtectionPack.FileName);
    }
}
