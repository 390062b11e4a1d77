using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Storage;

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
        var known = await checkpoints.ReadAllAsync(cancellationToken);
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

/// <summary>
/// Records the chain head in the database and in an append-only file outside it
/// (<c>data/audit-checkpoints.jsonl</c>, which operations should ship off the machine), so that
/// deleting the newest events is detected by <c>audit verify</c>.
/// </summary>
public sealed class AuditCheckpoints(NigehbanDbContext db, StorageOptions storage, TimeProvider clock)
{
    public string FilePath => storage.Resolve("audit-checkpoints.jsonl");

    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken)
    {
        var head = await db.Set<AuditEvent>().AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var checkpoint = new AuditCheckpoint { Sequence = head.Sequence, Hash = head.Hash, CreatedAt = clock.GetUtcNow() };
        if (!await db.Set<AuditCheckpoint>().AnyAsync(c => c.Sequence == head.Sequence, cancellationToken))
        {
            db.Add(checkpoint);
            await db.SaveChangesAsync(cancellationToken);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await File.AppendAllTextAsync(FilePath, JsonSerializer.Serialize(new CheckpointLine(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt)) + "\n", cancellationToken);
        return checkpoint;
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var all = await db.Set<AuditCheckpoint>().AsNoTracking().ToListAsync(cancellationToken);
        if (File.Exists(FilePath))
        {
            foreach (var line in await File.ReadAllLinesAsync(FilePath, cancellationToken))
            {
                if (!string.IsNullOrWhiteSpace(line) && JsonSerializer.Deserialize<CheckpointLine>(line) is { } c)
                {
                    all.Add(new AuditCheckpoint { Sequence = c.Sequence, Hash = c.Hash, CreatedAt = c.CreatedAt });
                }
            }
        }

        return all;
    }

    private sealed record CheckpointLine(long Sequence, string Hash, DateTimeOffset CreatedAt);
}
