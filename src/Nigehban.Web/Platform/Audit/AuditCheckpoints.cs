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
public sealed class AuditCheckpoints(NigehbanDbContext db, AuditSealer sealer, StorageOptions storage, ShipAuditCheckpoints copies, TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public string FilePath => storage.Resolve(ShipAuditCheckpoints.FileName);

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

        await copies.ShipAsync(line, cancellationToken);
        return checkpoint;
    }

    /// <summary>
    /// Every recorded checkpoint: the database's, the local file's and those of the shipped copies
    /// given. Only the files count as an anchor outside the database. A copy that was named but
    /// cannot be found or read is a reason to vouch for nothing; the local file may be absent.
    /// </summary>
    public async Task<CheckpointsRead> ReadAllAsync(IReadOnlyList<string> shippedCopies, CancellationToken cancellationToken)
    {
        var all = await db.Set<AuditCheckpoint>().AsNoTracking().ToListAsync(cancellationToken);
        var outside = new List<AuditCheckpoint>();
        var files = new List<string>(shippedCopies);
        if (File.Exists(FilePath))
        {
            files.Insert(0, FilePath);
        }

        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                return new CheckpointsRead(all, outside, $"checkpoint file {file} not found");
            }

            var lines = await File.ReadAllLinesAsync(file, cancellationToken);
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
                    return new CheckpointsRead(all, outside, $"checkpoint file {Path.GetFileName(file)} line {i + 1} is unreadable");
                }

                outside.Add(new AuditCheckpoint { Sequence = c.Sequence, Hash = c.Hash, CreatedAt = c.CreatedAt });
            }
        }

        all.AddRange(outside);
        return new CheckpointsRead(all, outside, null);
    }

    private sealed record CheckpointLine(long Sequence, string Hash, DateTimeOffset CreatedAt);
}

/// <summary>All checkpoints found, those of them read from files (outside the database), or why a file could not be read.</summary>
public sealed record CheckpointsRead(IReadOnlyList<AuditCheckpoint> All, IReadOnlyList<AuditCheckpoint> Outside, string? Unreadable);
