using System.CommandLine;
using Nigehban.Web.Platform.Cli;

namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// <c>audit verify [--checkpoints FILE…]</c>: checks the hash chain as it is, against the checkpoints
/// outside the database (the local file and any shipped copies named); nothing is started or written
/// first. The exit codes are <see cref="AuditVerifyVerb"/>'s (ADR-026).
/// </summary>
internal sealed class VerifyAuditVerb : CliVerb
{
    private static readonly Option<string[]> Checkpoints = new("--checkpoints")
    {
        Description = "shipped copies of the checkpoint file to check the chain against",
        AllowMultipleArgumentsPerToken = true,
    };

    public override IReadOnlyList<string> Path => ["audit", "verify"];

    public override string Syntax => "[--checkpoints FILE...]";

    public override string Description => "check the audit hash chain: 'intact', the first broken sequence, or 'cannot vouch' (exit 4)";

    public override VerbNeeds Needs => VerbNeeds.Services;

    public override void Define(Command command) => command.Options.Add(Checkpoints);

    public override Task<int> RunAsync(VerbRun run)
    {
        var files = run.Parse.GetResult(Checkpoints) is null ? [] : run.Parse.GetValue(Checkpoints) ?? [];
        // Named but empty (--checkpoints alone) is a usage mistake, which the verb reports itself.
        string[] arguments = run.Parse.GetResult(Checkpoints) is null ? [] : ["--checkpoints", .. files];
        return AuditVerifyVerb.RunAsync(run.Services, arguments, Console.Out, run.CancellationToken);
    }
}

/// <summary><c>audit checkpoint</c>: records the chain head in the database and the checkpoint file.</summary>
internal sealed class CheckpointAuditVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["audit", "checkpoint"];

    public override string Description => "record the current chain head (for truncation checks)";

    public override VerbNeeds Needs => VerbNeeds.Services;

    public override async Task<int> RunAsync(VerbRun run)
    {
        var checkpoint = await run.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(run.CancellationToken);
        Console.WriteLine(checkpoint is null ? "no audit events yet" : $"checkpoint at sequence {checkpoint.Sequence}: {checkpoint.Hash}");
        return 0;
    }
}
