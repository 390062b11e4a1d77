using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

public sealed class NationalIdRuleTests
{
    private static readonly NationalIdRule Cnic = ForcePackLoader.Load(PackFolders.Punjab).NationalId;
    private static readonly NationalIdRule RwandaId = ForcePackLoader.Load(PackFolders.Rwanda).NationalId;

    [Theory]
    [InlineData("35202-1234567-1", "3520212345671")]
    [InlineData("3520212345671", "3520212345671")]
    [InlineData(" 35202-1234567-1 ", "3520212345671")]
    public void Cnic_Normalises_WithOrWithoutDashes(string input, string expected) => Cnic.Normalise(input).ShouldBe(expected);

    [Theory]
    [InlineData("35202-123456-1")]
    [InlineData("352021234567")]
    [InlineData("35202123456712")]
    [InlineData("85202-1234567-1")]
    [InlineData("35202_1234567_1")]
    [InlineData("ABCDE-1234567-1")]
    [InlineData("")]
    public void Cnic_Rejects_WrongLengthOrFormat(string input) => Cnic.Normalise(input).ShouldBeNull();

    [Theory]
    [InlineData("۳۵۲۰۲-۱۲۳۴۵۶۷-۱")] // Urdu keyboard (Extended Arabic-Indic digits)
    [InlineData("٣٥٢٠٢-١٢٣٤٥٦٧-١")] // Arabic-Indic digits
    [InlineData("\u200F35202-1234567-1\u200E")] // direction marks pasted with right-to-left text
    public void Cnic_Normalises_DigitsOfOtherScripts(string input) => Cnic.Normalise(input).ShouldBe("3520212345671");

    [Fact]
    public void Cnic_FormatsWithMask() => Cnic.Format("3520212345671").ShouldBe("35202-1234567-1");

    [Theory]
    [InlineData("1199080012345012")]
    [InlineData("1 1990 8 0012345 0 12")]
    public void RwandaId_Accepts16Digits(string input) => RwandaId.Normalise(input).ShouldBe("1199080012345012");

    [Theory]
    [InlineData("119908001234501")]
    [InlineData("3520212345671")]
    [InlineData("1199050012345012")]
    public void RwandaId_Rejects_OtherShapes(string input) => RwandaId.Normalise(input).ShouldBeNull();

    [Fact]
    public void Normalise_RefusesOverlongInput_BeforeAnyPatternRuns()
    {
        // A pattern that backtracks exponentially on a long run of digits: refused by length, at once.
        var slow = new NationalIdRule("test", @"^(\d+)+$", @"^\d+$", "#", "1");

        slow.Normalise(new string('1', NationalIdRule.MaxInputLength) + "x").ShouldBeNull();
        Cnic.Normalise("35202-1234567-1" + new string(' ', 10)).ShouldBe("3520212345671");
    }
}
