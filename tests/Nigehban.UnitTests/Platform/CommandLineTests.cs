using Nigehban.Web.Platform.Cli;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

/// <summary>How the executable's arguments split into a verb, its arguments and the host's options.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Split_DefaultsToServe_WithNoArguments()
    {
        var (verb, hostArgs) = CommandLine.Split([]);

        verb.Name.ShouldBe("serve");
        verb.IsStandalone.ShouldBeFalse();
        hostArgs.ShouldBeEmpty();
    }

    [Fact]
    public void Split_DefaultsToServe_WhenFirstArgumentIsAnOption()
    {
        var (verb, hostArgs) = CommandLine.Split(["--urls", "http://127.0.0.1:6000"]);

        verb.Name.ShouldBe("serve");
        hostArgs.ShouldBe(["--urls", "http://127.0.0.1:6000"]);
    }

    [Fact]
    public void Split_KeepsVerbFlag_AndPassesOptionsToHost()
    {
        var (verb, hostArgs) = CommandLine.Split(["seed", "--demo", "--Force=rwanda"]);

        verb.Name.ShouldBe("seed");
        verb.Arguments.ShouldBe(["--demo"]);
        hostArgs.ShouldBe(["--Force=rwanda"]);
    }

    [Fact]
    public void Split_ForceValidate_IsStandalone()
    {
        var (verb, _) = CommandLine.Split(["force", "validate", "forces/punjab"]);

        verb.Arguments.ShouldBe(["validate", "forces/punjab"]);
        verb.IsStandalone.ShouldBeTrue();
    }

    [Fact]
    public void Split_MarksUnknownVerb_SoNoHostIsBuilt()
    {
        var (verb, hostArgs) = CommandLine.Split(["migrat", "--urls", "x"]);

        verb.IsKnown.ShouldBeFalse();
        verb.IsStandalone.ShouldBeTrue();
        hostArgs.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Split_TreatsHelpOptionAsHelp(string option) => CommandLine.Split([option]).Verb.Name.ShouldBe("help");
}
