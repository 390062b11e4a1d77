using Nigehban.Web.Platform.Cli;

namespace Nigehban.Web.Platform.Audit;

/// <summary><c>audit verify</c>: checks the hash chain as it is; nothing is started or written first.</summary>
internal sealed class VerifyAuditVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["audit", "verify"];

    public override string Description => "check the audit hash chain: prints 'intact' or the first broken sequence";

    public override VerbNeeds Needs => VerbNeeds.Services;

    public override async Task<int> RunAsync(VerbRun run)
    {
        var result = await run.Services.GetRequiredService<AuditVerifier>().VerifyAsync(run.CancellationToken);
        if (result.Intact)
        {
            Console.WriteLine($"intact ({result.EventCount} events sealed, head {result.HeadSequence}, {result.Unsealed} awaiting their seal)");
            return 0;
        }

        Console.WriteLine(result.FirstBrokenSequence is { } sequence ? $"broken at sequence {sequence}: {result.Reason}" : $"broken: {result.Reason}");
        return 1;
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
