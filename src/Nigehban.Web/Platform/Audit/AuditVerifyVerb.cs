namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// <c>audit verify [--checkpoints FILE…]</c>: checks the chain against the database's checkpoints,
/// the local checkpoint file and any shipped copies named. Exit 0 intact and vouched for by a
/// checkpoint outside the database; 1 broken; 2 bad arguments; 4 intact as far as the database
/// shows, but nothing outside it vouches for the chain (ADR-026).
/// </summary>
public static class AuditVerifyVerb
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Usage = 2;
    public const int CannotVouch = 4;

    public const string UsageText = "usage: audit verify [--checkpoints FILE...]";

    /// <summary><paramref name="arguments"/> are the words after <c>verify</c>.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (ShippedCopies(arguments) is not { } copies)
        {
            await output.WriteLineAsync(UsageText);
            return Usage;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(copies, cancellationToken);
        if (!result.Intact)
        {
            await output.WriteLineAsync(result.FirstBrokenSequence is { } sequence ? $"broken at sequence {sequence}: {result.Reason}" : $"broken: {result.Reason}");
            return Broken;
        }

        if (!result.Vouched)
        {
            await output.WriteLineAsync($"cannot vouch ({result.EventCount} events sealed, head {result.HeadSequence}): {result.Reason}");
            return CannotVouch;
        }

        await output.WriteLineAsync($"intact ({result.EventCount} events sealed, head {result.HeadSequence}, {result.Unsealed} awaiting their seal, "
            + $"{result.SealedAfterLastCheckpoint} sealed after the newest checkpoint outside the database)");
        return Intact;
    }

    /// <summary>Nothing, or <c>--checkpoints</c> followed by one or more files; null for anything else.</summary>
    private static List<string>? ShippedCopies(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return [];
        }

        return arguments[0] == "--checkpoints" && arguments.Count > 1 && arguments.Skip(1).All(a => !a.StartsWith("--", StringComparison.Ordinal))
            ? [.. arguments.Skip(1)]
            : null;
    }
}
