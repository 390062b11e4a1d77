using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

public sealed record AuditVerification(bool Intact, long EventCount, long HeadSequence, long? FirstBrokenSequence, string? Reason);

/// <summary>
/// Walks the chain in sequence order: every sequence number present (no deletions), every link
/// pointing at its predecessor's hash, every hash matching its fields (no edits), and every recorded
/// checkpoint still on the chain (no truncation of the newest rows).
/// </summary>
public sealed class AuditVerifier(NigehbanDbContext db, AuditCheckpoints checkpoints)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var expectedSequence = 1L;
        var previousHash = AuditChain.GenesisHash;
        var hashes = new Dictionary<long, string>();
        var (known, unreadable) = await checkpoints.ReadAllAsync(cancellationToken);
        if (unreadable is not null)
        {
            // An unreadable checkpoint could hide a truncation: never report intact past it.
            return new AuditVerification(false, 0, 0, null, unreadable);
        }

        var checkpointSequences = known.Select(c => c.Sequence).ToHashSet();

        await foreach (var e in db.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Sequence != expectedSequence)
            {
                return Broken(expectedSequence - 1, expectedSequence, $"sequence {expectedSequence} is missing (next present is {e.Sequence})");
            }

            if (e.PreviousHash != previousHash)
            {
                return Broken(expectedSequence - 1, e.Sequence, "link does not point at the previous event's hash");
            }

            if (AuditChain.ComputeHash(e) != e.Hash)
            {
                return Broken(expectedSequence - 1, e.Sequence, "event content does not match its hash (altered)");
            }

            if (checkpointSequences.Contains(e.Sequence))
            {
                hashes[e.Sequence] = e.Hash;
            }

            previousHash = e.Hash;
            expectedSequence++;
        }

        var head = expectedSequence - 1;
        foreach (var checkpoint in known.OrderBy(c => c.Sequence))
        {
            if (checkpoint.Sequence > head)
            {
                return Broken(head, head + 1, $"chain ends at {head} but a checkpoint recorded sequence {checkpoint.Sequence} (truncated)");
            }

            if (hashes.TryGetValue(checkpoint.Sequence, out var hash) && hash != checkpoint.Hash)
            {
                return Broken(head, checkpoint.Sequence, "event differs from the checkpoint recorded for it");
            }
        }

        return new AuditVerification(true, head, head, null, null);
    }

    private static AuditVerification Broken(long count, long sequence, string reason) => new(false, count, count, sequence, reason);
}
