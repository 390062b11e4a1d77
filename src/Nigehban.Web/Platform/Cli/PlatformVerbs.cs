using System.CommandLine;

namespace Nigehban.Web.Platform.Cli;

/// <summary><c>serve</c>: the default verb. The start-up steps run (hosted) before the server listens.</summary>
internal sealed class ServeVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["serve"];

    public override string Description => "run the platform (default); migrates and seeds demo data when Demo__Seed=true";

    public override VerbNeeds Needs => VerbNeeds.Services;

    public override async Task<int> RunAsync(VerbRun run)
    {
        // Before the start-up steps create the data folder and the database (ADR-039).
        if (Hosting.ListenAddresses.FirstInUse(run.App!.Configuration["urls"]) is { } taken)
        {
            Console.Error.WriteLine(Hosting.ListenAddresses.Explain(taken));
            return Hosting.ListenAddresses.InUseExitCode;
        }

        await run.App.RunAsync();
        return 0;
    }
}

/// <summary><c>migrate</c>: the start-up steps without demo data, then exit.</summary>
internal sealed class MigrateVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["migrate"];

    public override string Description => "apply database migrations and sync units from the force pack";

    public override Task<int> RunAsync(VerbRun run)
    {
        Console.WriteLine("migrated");
        return Task.FromResult(0);
    }
}

/// <summary><c>seed --demo</c>: the start-up steps with demo data (whose logins a step prints), then exit.</summary>
internal sealed class SeedDemoVerb : CliVerb
{
    private static readonly Option<bool> Demo = new("--demo") { Description = "seed the demo data" };

    public override IReadOnlyList<string> Path => ["seed"];

    public override string Syntax => "--demo";

    public override string Description => "seed demo data and print the demo logins";

    public override bool SeedsDemoData => true;

    public override void Define(Command command)
    {
        command.Options.Add(Demo);
        // Seeding is never implied: without the flag the command is refused, not run.
        command.Validators.Add(result =>
        {
            if (result.GetResult(Demo) is null)
            {
                result.AddError("seed needs --demo");
            }
        });
    }

    public override Task<int> RunAsync(VerbRun run) => Task.FromResult(0);
}
