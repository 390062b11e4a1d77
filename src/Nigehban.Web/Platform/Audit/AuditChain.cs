using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

/// <summary>Appends to and verifies the SHA-256 hash chain of audit events.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Arbitrary constant naming the PostgreSQL advisory lock that serialises chain appends.</summary>
    private const long ChainLockKey = 7_307_001;

    /// <summary>
    /// Called at the end of a unit of work, inside its transaction: the lock is held for the
    /// head read and one insert, not for the request.
    /// </summary>
    internal static async Task AppendPendingAsync(NigehbanDbContext db, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
        }

        // SQLite serialises writers already: the transaction holds the write lock since its first insert.
        var head = await db.Set<AuditEvent>()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);

        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? GenesisHash;
        var written = new List<AuditEvent>(trail.Pending.Count);
        foreach (var pending in trail.Pending)
        {
            pending.Sequence = ++sequence;
            pending.PreviousHash = previous;
            pending.Hash = ComputeHash(pending);
            previous = pending.Hash;
            written.Add(pending);
        }

        db.Set<AuditEvent>().AddRange(written);
        trail.MarkWritten();
        await db.SaveWithoutAuditAsync(cancellationToken);
        foreach (var e in written)
        {
            db.Entry(e).State = EntityState.Detached;
        }
    }

    public static string ComputeHash(AuditEvent e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.ActorId?.ToString("N") ?? string.Empty,
            e.ActorName ?? string.Empty,
            e.Action,
            e.ObjectType ?? string.Empty,
            e.ObjectId ?? string.Empty,
            e.UnitPath ?? string.Empty,
            e.Outcome.ToString(),
            e.IpAddress ?? string.Empty,
            e.Details ?? string.Empty,
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
