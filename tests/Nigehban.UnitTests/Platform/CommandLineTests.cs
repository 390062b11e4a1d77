using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

/// <summary>How the executable's arguments name a verb (each module's own), its arguments, and leave the rest to the host.</summary>
public sealed class CommandLineTests
{
    private static readonly CliVerb[] Verbs =
        [new ServeVerb(), new MigrateVerb(), new SeedDemoVerb(), new ValidateForcePackVerb(), new UnlockAccountVerb(), new RebuildDashboardVerb()];

    [Fact]
    public void ExitCodes_ThatMeanTheSameForEveryVerb_AreNoVerbsOwnAnswer()
    {
        int[] platformWide = [CommandLine.InvalidForcePack, CommandLine.DatabaseOfAnotherForce, ListenAddresses.InUseExitCode, CommandLine.Cancelled];
        int[] auditVerify = [AuditVerifyVerb.Intact, AuditVerifyVerb.Broken, AuditVerifyVerb.Usage, AuditVerifyVerb.CannotVouch];

        platformWide.ShouldBeUnique();
        platformWide.Intersect(auditVerify).ShouldBeEmpty("a script could not tell a wrong instance from audit verify's answer");
    }

    [Fact]
    public void Parse_DefaultsToServe_WithNoArguments()
    {
        var (verb, _, error) = CommandLine.Parse(Verbs, []);

        error.ShouldBeNull();
        verb!.Name.ShouldBe("serve");
    }

    [Fact]
    public void Parse_DefaultsToServe_WhenOnlyHostOptionsAreGiven()
    {
        var (verb, _, error) = CommandLine.Parse(Verbs, ["--urls", "http://127.0.0.1:6000", "--Force=rwanda"]);

        error.ShouldBeNull();
        verb!.Name.ShouldBe("serve");
    }

    [Fact]
    public void Parse_TakesTheVerbsOwnFlag_AndLeavesHostOptions()
    {
        var (verb, _, error) = CommandLine.Parse(Verbs, ["seed", "--demo", "--Force=rwanda"]);

        error.ShouldBeNull();
        verb!.Name.ShouldBe("seed");
    }

    [Fact]
    public void Parse_RefusesSeed_WithoutTheDemoFlag()
    {
        var (verb, _, error) = CommandLine.Parse(Verbs, ["seed"]);

        verb.ShouldBeNull();
        error.ShouldStartWith("unknown command 'seed'");
    }

    [Fact]
    public void Parse_ReadsAVerbsArgument_AndLeavesTheHostOptionsAfterIt()
    {
        var (verb, parse, error) = CommandLine.Parse(Verbs, ["account", "unlock", "frontdesk", "--Database:Provider", "Postgres", "--urls=http://127.0.0.1:0"]);

        error.ShouldBeNull();
        verb!.Name.ShouldBe("account unlock");
        parse!.CommandResult.Tokens.Select(t => t.Value).ShouldBe(["frontdesk"]);
    }

    [Fact]
    public void Parse_ForceValidate_NeedsNoHost()
    {
        var (verb, _, error) = CommandLine.Parse(Verbs, ["force", "validate", "forces/punjab"]);

        error.ShouldBeNull();
        verb!.Needs.ShouldBe(VerbNeeds.Nothing);
    }

    [Theory]
    [InlineData("migrat", "--urls", "x")]
    [InlineData("dashboard", "rebuilt")]
    [InlineData("account", "unlock")]
    public void Parse_RefusesWhatNoVerbTakes(params string[] args)
    {
        var (verb, _, error) = CommandLine.Parse(Verbs, args);

        verb.ShouldBeNull();
        error.ShouldStartWith($"unknown command '{args[0]}");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Parse_TreatsHelpAsHelp(string option)
    {
        var (verb, parse, error) = CommandLine.Parse(Verbs, [option]);

        (verb, parse, error).ShouldBe((null, null, null));
    }
}
