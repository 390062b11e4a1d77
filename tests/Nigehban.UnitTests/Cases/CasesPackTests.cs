using Nigehban.Web.Features.Cases;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.Cases;

/// <summary>
/// The offence catalogue of the packs: the Punjab pack's Penal Code as corrected (lettered sections
/// restored, missing ones added), every offence under a head, both packs' heads named in their
/// languages; a fault is refused with its file and line.
/// </summary>
public sealed class CasesPackTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-cases-pack-tests", Guid.NewGuid().ToString("N"));

    public CasesPackTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(PackFolders.Punjab))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Heads =
        ["murder", "attempted-murder", "dacoity", "robbery", "rape", "kidnapping", "hurt", "burglary", "vehicle-theft", "other-theft", "narcotics", "arms", "other"];

    [Fact]
    public void ThePunjabCatalogue_HasTheCorrectedSections_UnderTheirHeads()
    {
        var pack = new CasesPack(ForcePackLoader.Load(PackFolders.Punjab));

        pack.CrimeHeads.Select(h => h.Code).ShouldBe(Heads);
        pack.CrimeHeads.ShouldAllBe(h => h.Names.ContainsKey("en") && h.Names.ContainsKey("ur"));
        // Lettered sections that the source lost their letter, and sections it lacks.
        pack.Offence("PPC 365-A")!.Title.ShouldStartWith("Kidnapping or abducting for extorting");
        pack.Offence("PPC 354-A")!.Title.ShouldContain("stripping");
        pack.Offence("PPC 364-A")!.Head.Code.ShouldBe("kidnapping");
        pack.Offence("PPC 120-B")!.Title.ShouldBe("Punishment of criminal conspiracy");
        pack.Offence("PPC 332")!.Head.Code.ShouldBe("hurt");
        pack.Offence("PPC 336-B")!.Head.Code.ShouldBe("hurt");
        pack.Offence("PPC 302")!.Head.Code.ShouldBe("murder");
        pack.Offence("PPC 324")!.Head.Code.ShouldBe("attempted-murder");
        pack.Offence("PPC 376")!.Head.Code.ShouldBe("rape");
        pack.Offence("PPC 395")!.Head.Code.ShouldBe("dacoity");
        pack.Offence("PPC 392")!.Head.Code.ShouldBe("robbery");
        pack.Offence("PPC 457")!.Head.Code.ShouldBe("burglary");
        pack.Offence("PPC 381-A")!.Head.Code.ShouldBe("vehicle-theft");
        pack.Offence("PPC 379")!.Head.Code.ShouldBe("other-theft");
        pack.Offence("CNSA 9(c)")!.Head.Code.ShouldBe("narcotics");
        pack.Offence("PAO 13")!.Head.Code.ShouldBe("arms");
        // Definitions and general rules are not offences an FIR can name.
        pack.Offence("PPC 299").ShouldBeNull();
        pack.Offence("PPC 1").ShouldBeNull();
        // Codes are read as a person types them.
        pack.Offence("  ppc   302 ")!.Code.ShouldBe("PPC 302");
        Heads.ShouldAllBe(h => pack.Offences.Any(o => o.Head.Code == h));
    }

    [Fact]
    public void TheRwandaCatalogue_IsItsOwn_AndNamedInItsLanguages()
    {
        var force = ForcePackLoader.Load(PackFolders.Rwanda);
        var pack = new CasesPack(force);

        pack.CrimeHeads.Select(h => h.Code).ShouldBe(Heads);
        pack.CrimeHeads.ShouldAllBe(h => force.Languages.All(l => h.Names.ContainsKey(l.Code)));
        pack.Offences.ShouldNotBeEmpty();
        pack.Offences.ShouldAllBe(o => o.Law == "L68/2018");
        pack.Offence("PPC 302").ShouldBeNull();
    }

    [Fact]
    public void TheHeadOfAnFir_IsTheMostSeriousOfItsOffences()
    {
        var pack = new CasesPack(ForcePackLoader.Load(PackFolders.Punjab));

        pack.PrincipalHead([pack.Offence("PPC 337-A")!, pack.Offence("PPC 392")!, pack.Offence("PPC 302")!]).Code.ShouldBe("murder");
        pack.PrincipalHead([pack.Offence("PPC 379")!, pack.Offence("PPC 506")!]).Code.ShouldBe("other-theft");
    }

    [Theory]
    [InlineData("PPC 302,PPC,302,Punishment of qatl-i-amd,murder", "PPC 302,PPC,302,Punishment of qatl-i-amd,homicide", "homicide")]
    [InlineData("PPC 379,PPC,379,Punishment for theft,other-theft", "PPC 302,PPC,379,Punishment for theft,other-theft", "duplicate")]
    [InlineData("PPC 392,PPC,392,Punishment for robbery,robbery", "PPC 392,PPC,392,robbery", "every line")]
    public void AFaultInTheCatalogue_IsRefusedWithItsLine(string find, string replace, string expected)
    {
        var file = Path.Combine(_folder, "offences.csv");
        var text = File.ReadAllText(file);
        text.ShouldContain(find);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));

        var fault = Should.Throw<ForcePackException>(() => new CasesPack(ForcePackLoader.Load(_folder)));

        fault.File.ShouldEndWith("offences.csv");
        fault.Message.ShouldContain(expected);
        File.ReadAllLines(file)[fault.Line - 1].ShouldBe(replace);
    }

    [Fact]
    public void AHeadNamedInALanguageThePackLacks_IsRefusedInCasesJson()
    {
        var file = Path.Combine(_folder, CasesPack.FileName);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"ur\": \"منشیات\"", "\"fr\": \"Stupéfiants\"", StringComparison.Ordinal));

        var fault = Should.Throw<ForcePackException>(() => new CasesPack(ForcePackLoader.Load(_folder)));

        fault.File.ShouldEndWith(CasesPack.FileName);
        File.ReadAllLines(file)[fault.Line - 1].ShouldContain("narcotics");
    }

    [Fact]
    public void APackWithoutTheFile_HasOneHeadAndNoOffences()
    {
        File.Delete(Path.Combine(_folder, CasesPack.FileName));

        var pack = new CasesPack(ForcePackLoader.Load(_folder));

        pack.CrimeHeads.ShouldHaveSingleItem().Code.ShouldBe("other");
        pack.Offences.ShouldBeEmpty();
    }

    [Fact]
    public void BothPacks_GiveTheInvestigationItsDeadlinesAndTheCustodyLimit()
    {
        var punjab = new CasesPack(ForcePackLoader.Load(PackFolders.Punjab));
        var rwanda = new CasesPack(ForcePackLoader.Load(PackFolders.Rwanda));

        punjab.DeadlineOf(FirStatus.UnderInvestigation).ShouldBe(Deadline.Hours(336));
        punjab.DeadlineOf(FirStatus.ChallanSubmitted).ShouldBeNull();
        punjab.CustodyLimit.ShouldBe(Deadline.Hours(24));
        rwanda.CustodyLimit.ShouldBe(Deadline.Hours(120));
        rwanda.DeadlineOf(FirStatus.UnderInvestigation).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("\"untraced\": \"720h\"", "\"closed\": \"720h\"", "closed")]
    [InlineData("\"untraced\": \"720h\"", "\"convicted\": \"720h\"", "convicted")]
    [InlineData("\"custodyLimit\": \"24h\"", "\"custodyLimit\": \"2wd\"", "hours")]
    [InlineData("\"custodyLimit\": \"24h\"", "\"custodyLimit\": \"soon\"", "soon")]
    public void AFaultInTheInvestigationSection_IsRefusedInCasesJson(string find, string replace, string expected)
    {
        var file = Path.Combine(_folder, CasesPack.FileName);
        var text = File.ReadAllText(file);
        text.ShouldContain(find);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));

        var fault = Should.Throw<ForcePackException>(() => new CasesPack(ForcePackLoader.Load(_folder)));

        fault.File.ShouldEndWith(CasesPack.FileName);
        fault.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData(FirStatus.UnderInvestigation, FirStatus.ChallanSubmitted, true)]
    [InlineData(FirStatus.UnderInvestigation, FirStatus.Convicted, false)]
    [InlineData(FirStatus.Untraced, FirStatus.UnderInvestigation, true)]
    [InlineData(FirStatus.ChallanSubmitted, FirStatus.Acquitted, true)]
    [InlineData(FirStatus.ChallanSubmitted, FirStatus.Untraced, false)]
    [InlineData(FirStatus.Cancelled, FirStatus.UnderInvestigation, false)]
    [InlineData(FirStatus.Convicted, FirStatus.Acquitted, false)]
    public void StageMoves_AreTheLegalOnesOnly(FirStatus from, FirStatus to, bool legal) =>
        FirStages.MayMove(from, to).ShouldBe(legal);
}
