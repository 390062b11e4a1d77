using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// Records the chain head in the database and in an append-only file outside it
/// (<c>data/audit-checkpoints.jsonl</c>, which operations should ship off the machine), so that
/// deleting the newest events is detected by <c>audit verify</c>.
/// </summary>
public sealed class AuditCheckpoints(NigehbanDbContext db, AuditSealer sealer, StorageOptions storage, TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public string FilePath => storage.Resolve("audit-checkpoints.jsonl");

    /// <summary>
    /// Seals what is committed, then records the chain head unless it is already recorded (an idle
    /// system adds nothing). Returns the checkpoint of the current head, or null while the chain is empty.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken)
    {
        await sealer.SealPendingAsync(cancellationToken);
        var head = await db.Set<AuditSeal>().AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var existing = await db.Set<AuditCheckpoint>().AsNoTracking().FirstOrDefaultAsync(c => c.Sequence == head.Sequence, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var checkpoint = new AuditCheckpoint { Sequence = head.Sequence, Hash = head.Hash, CreatedAt = clock.GetUtcNow() };
        db.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another instance recorded the same head a moment ago: that is the checkpoint.
            db.Entry(checkpoint).State = EntityState.Detached;
            logger.LogDebug(ex, "Checkpoint {Sequence} was recorded concurrently", head.Sequence);
            return await db.Set<AuditCheckpoint>().AsNoTracking().FirstOrDefaultAsync(c => c.Sequence == head.Sequence, cancellationToken)
                ?? throw new InvalidOperationException($"Could not record the audit checkpoint at sequence {head.Sequence}.", ex);
        }

        db.Entry(checkpoint).State = EntityState.Detached;
        var line = JsonSerializer.Serialize(new CheckpointLine(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt)) + "\n";
        await FileLock.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            await File.AppendAllTextAsync(FilePath, line, cancellationToken);
        }
        finally
        {
            FileLock.Release();
        }

        return checkpoint;
    }

    /// <summary>Every recorded checkpoint, from the database and the file; or the reason the file cannot be read.</summary>
    public async Task<(IReadOnlyList<AuditCheckpoint> Checkpoints, string? Unreadable)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var all = await db.Set<AuditCheckpoint>().AsNoTracking().ToListAsync(cancellationToken);
        if (!File.Exists(FilePath))
        {
            return (all, null);
        }

        var lines = await File.ReadAllLinesAsync(FilePath, cancellationToken);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            CheckpointLine? c;
            try
            {
                c = JsonSerializer.Deserialize<CheckpointLine>(lines[i]);
            }
            catch (JsonException)
            {
                c = null;
            }

            if (c is null || c.Sequence < 1 || c.Hash is not { Length: 64 })
            {
                return (all, $"checkpoint file {Path.GetFileName(FilePath)} line {i + 1} is unreadable");
            }

            all.Add(new AuditCheckpoint { Sequence = c.Sequence, Hash = c.Hash, CreatedAt = c.CreatedAt });
        }

        return (all, null);
    }

    private sealed record CheckpointLine(long Sequence, string Hash, DateTimeOffset CreatedAt);
}
