using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Records;

/// <summary>The search key of a name (ADR-058): spellings and scripts of one name give one key; the tables come from the pack.</summary>
public sealed class NameKeysTests
{
    private static readonly NameKeys Punjab = new(new RecordsPack(ForcePackLoader.Load(PackFolders.Punjab)));

    [Theory]
    [InlineData("Muhammad Ali Chaudhry", " MHMD AL CHDR ")]
    [InlineData("Mohammad Ali Ch.", " MHMD AL CHDR ")]
    [InlineData("M. Ali Choudhary", " MHMD AL CHDR ")]
    [InlineData("محمد علی چوہدری", " MHMD AL CHDR ")]
    [InlineData("Khan", " KN ")]
    [InlineData("خان", " KN ")]
    [InlineData("Ayesha", " ASH ")]
    [InlineData("عائشہ", " ASH ")]
    [InlineData("José-María O'Brien", " JS MR ABRN ")]
    public void Key_FoldsSpellingsAndScripts(string name, string key) => Punjab.KeyOf(name).ShouldBe(key);

    [Fact]
    public void Key_OfNothingToSearch_IsEmpty()
    {
        Punjab.PartsOf("  ... 123 ").ShouldBeEmpty();
        Punjab.KeyOf(null).ShouldBe(" ");
    }

    [Fact]
    public void APackWithoutTables_KeysLatinLettersOnly_AndDropsOtherScripts()
    {
        var rwanda = new NameKeys(new RecordsPack(ForcePackLoader.Load(PackFolders.Rwanda)));
        rwanda.KeyOf("Uwimana Claudine").ShouldBe(rwanda.KeyOf("Uwimanah Klaudine"));
        rwanda.PartsOf("محمد").ShouldBeEmpty();
    }
}
