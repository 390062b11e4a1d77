using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// The audit hash chain: how a link is computed, and the adoption of links written before ADR-011.
/// The events themselves go in with the rest of a save (<see cref="UnitOfWorkCommand"/>). See ADR-004 and ADR-011.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Arbitrary constant naming the PostgreSQL advisory lock that serialises sealing passes (not the work).</summary>
    internal const long ChainLockKey = 7_307_001;

    /// <summary>
    /// Start-up, after migrating: events written before ADR-011 carry their own link (the event's id
    /// was its position in the chain). Each gets the seal that says the same (sequence = id, the same
    /// previous hash and hash, verified with <see cref="ComputeLegacyHash"/>), so the old chain stays
    /// verifiable and new seals continue it. Idempotent; instances starting together insert each seal once.
    /// On PostgreSQL the event id became an identity column whose generator starts at 1: it is moved
    /// past the highest existing id.
    /// </summary>
    internal static async Task AdoptLegacyChainAsync(NigehbanDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO audit_seals ("Sequence", "EventId", "PreviousHash", "Hash", "SealedAt")
            SELECT e."Id", e."Id", e."PreviousHash", e."Hash", e."OccurredAt" FROM audit_events e
            WHERE e."Hash" IS NOT NULL AND e."PreviousHash" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s."EventId" = e."Id")
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                DO $$
                DECLARE
                  generator text := pg_get_serial_sequence('audit_events', 'Id');
                  highest bigint := (SELECT max("Id") FROM audit_events);
                BEGIN
                  IF highest IS NOT NULL AND coalesce(pg_sequence_last_value(generator::regclass), 0) < highest THEN
                    PERFORM setval(generator, highest);
                  END IF;
                END $$;
                """, cancellationToken);
        }
    }

    /// <summary>
    /// The hash of the seal that puts <paramref name="e"/> at <paramref name="sequence"/> after a
    /// link whose hash is <paramref name="previousHash"/>: SHA-256 over a canonical encoding of the
    /// position, the event's id and every field of the event, and the previous hash. Each field is
    /// length-prefixed (null written as '-'), so no edit can move text from one field to the next
    /// or turn an empty value into a missing one and keep the same hash.
    /// </summary>
    public static string ComputeHash(AuditEvent e, long sequence, string previousHash) =>
        Hash(Canonical("nigehban-audit-v2", sequence, e.Id, e, previousHash));

    /// <summary>
    /// The encoding of events chained before ADR-011 (<c>nigehban-audit-v1</c>), when the event's
    /// id was its position; kept so that those events still verify. It covers the same facts as
    /// <see cref="ComputeHash"/> for a seal whose sequence equals its event's id.
    /// </summary>
    public static string ComputeLegacyHash(AuditEvent e, long sequence, string previousHash) =>
        Hash(Canonical("nigehban-audit-v1", sequence, null, e, previousHash));

    /// <summary>
    /// One builder per thread, reused: the sealer hashes a thousand events a pass and the verifier
    /// the whole trail, and a builder and a copy of its text for each would be most of what they allocate.
    /// </summary>
    [ThreadStatic]
    private static StringBuilder? t_canonical;

    /// <summary>A builder grown past this by a long event's details is dropped rather than kept for the thread's life.</summary>
    private const int KeptBuilderCapacity = 8 * 1024;

    private static StringBuilder Canonical(string version, long sequence, long? eventId, AuditEvent e, string previousHash)
    {
        if (t_canonical is not { Capacity: <= KeptBuilderCapacity })
        {
            t_canonical = new StringBuilder(1024);
        }

        var canonical = t_canonical.Clear().Append(version);
        Field(canonical, sequence);
        if (eventId is { } id)
        {
            Field(canonical, id);
        }

        Field(canonical, e.OccurredAt.UtcTicks);
        Field(canonical, e.ActorId?.ToString("N"));
        Field(canonical, e.ActorName);
        Field(canonical, e.Action);
        Field(canonical, e.ObjectType);
        Field(canonical, e.ObjectId);
        Field(canonical, e.UnitPath);
        Field(canonical, e.Outcome.ToString());
        Field(canonical, e.IpAddress);
        Field(canonical, e.Details);
        Field(canonical, previousHash);
        return canonical;
    }

    /// <summary>SHA-256 of the UTF-8 of the whole canonical text, encoded at once (never chunk by chunk, which could split a surrogate pair).</summary>
    private static string Hash(StringBuilder canonical)
    {
        var chars = ArrayPool<char>.Shared.Rent(canonical.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(canonical.Length));
        try
        {
            canonical.CopyTo(0, chars, canonical.Length);
            var length = Encoding.UTF8.GetBytes(chars, 0, canonical.Length, bytes, 0);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            // Cleared: the text is an audit event's (names, addresses, details), and the pool is shared.
            ArrayPool<char>.Shared.Return(chars, clearArray: true);
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true);
        }
    }

    /// <summary>A number as its invariant digits, with the same length prefix as text: written without a string of its own.</summary>
    private static void Field(StringBuilder canonical, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        canonical.Append('|').Append(CultureInfo.InvariantCulture, $"{length}").Append(':').Append(digits[..length]);
    }

    private static void Field(StringBuilder canonical, string? value)
    {
        if (value is null)
        {
            canonical.Append("|-");
            return;
        }

        canonical.Append('|').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}
