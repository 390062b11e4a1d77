using System.CommandLine;
using Nigehban.Web.Platform.Cli;

namespace Nigehban.Web.Platform.Forces;

/// <summary><c>force validate &lt;folder&gt;</c>: checks a pack with no host, database or data folder.</summary>
internal sealed class ValidateForcePackVerb : CliVerb
{
    private static readonly Argument<string> Folder = new("folder") { Description = "the force pack's folder" };

    public override IReadOnlyList<string> Path => ["force", "validate"];

    public override string Syntax => "<folder>";

    public override string Description => "check a force pack and report the file and line of any fault";

    public override VerbNeeds Needs => VerbNeeds.Nothing;

    public override void Define(Command command) => command.Arguments.Add(Folder);

    public override Task<int> RunAsync(VerbRun run)
    {
        try
        {
            var pack = ForcePackValidation.LoadAndCheck(run.Parse.GetValue(Folder)!);
            Console.WriteLine($"valid: {pack.Name} ({pack.Code}), {pack.Units.Count} units, {pack.Languages.Count} languages, {pack.Calendar.Holidays.Count} holidays");
            return Task.FromResult(0);
        }
        catch (ForcePackException ex)
        {
            Console.Error.WriteLine($"invalid force pack: {ex.Message}");
            return Task.FromResult(1);
        }
    }
}
