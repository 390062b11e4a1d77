using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// The outcome of a verification. <see cref="EventCount"/> counts sealed events (the chain's
/// length, equal to <see cref="HeadSequence"/> when intact); <see cref="Unsealed"/> counts committed
/// events still waiting for their seal, which is normal for a moment after each write.
/// <see cref="Vouched"/> says whether a checkpoint outside the database covers the chain: without
/// one, a rewritten and rehashed chain looks as intact as the real one (ADR-026), so an intact chain
/// with seals and no outside checkpoint is reported as one the verifier cannot vouch for.
/// <see cref="SealedAfterLastCheckpoint"/> counts seals newer than the newest outside checkpoint:
/// those could be cut off unnoticed.
/// </summary>
public sealed record AuditVerification(bool Intact, long EventCount, long HeadSequence, long? FirstBrokenSequence, string? Reason, long Unsealed = 0,
    bool Vouched = true, long SealedAfterLastCheckpoint = 0);


/// <summary>
/// Walks the chain of seals in sequence order: every sequence number present (no deletions), every
/// link pointing at its predecessor's hash, every sealed event present and matching the hash (no
/// edits), no event sealed twice, every recorded checkpoint still on the chain (no truncation of the
/// newest rows), and no event left unsealed for longer than <c>Audit:SealGrace</c> (default one
/// minute; an event the sealer never linked is as unprotected as a deleted seal). See ADR-011.
/// </summary>
public sealed class AuditVerifier(NigehbanDbContext db, AuditCheckpoints checkpoints, IConfiguration configuration, TimeProvider clock)
{
    public static readonly TimeSpan DefaultSealGrace = TimeSpan.FromMinutes(1);

    private TimeSpan SealGrace => configuration.GetValue<TimeSpan?>("Audit:SealGrace") is { } grace && grace >= TimeSpan.Zero ? grace : DefaultSealGrace;

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => VerifyAsync([], cancellationToken);

    /// <summary>Verifies against the database's checkpoints, the local file and the shipped copies named.</summary>
    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<string> shippedCopies, CancellationToken cancellationToken)
    {
        var expectedSequence = 1L;
        var previousHash = AuditChain.GenesisHash;
        var hashes = new Dictionary<long, string>();
        var read = await checkpoints.ReadAllAsync(shippedCopies, cancellationToken);
        if (read.Unreadable is { } unreadable)
        {
            // An unreadable checkpoint could hide a truncation: never report intact past it.
            return new AuditVerification(false, 0, 0, null, unreadable, Vouched: false);
        }

        var known = read.All;

        var checkpointSequences = known.Select(c => c.Sequence).ToHashSet();
        var chain =
            from s in db.Set<AuditSeal>().AsNoTracking()
            join e in db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking() on s.EventId equals e.Id into sealedEvents
            from e in sealedEvents.DefaultIfEmpty()
            orderby s.Sequence
            select new { Seal = s, Event = e };

        await foreach (var link in chain.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var (s, e) = (link.Seal, link.Event);
            if (s.Sequence != expectedSequence)
            {
                return Broken(expectedSequence - 1, expectedSequence, $"sequence {expectedSequence} is missing (next present is {s.Sequence})");
            }

            if (s.PreviousHash != previousHash)
            {
                return Broken(expectedSequence - 1, s.Sequence, "link does not point at the previous seal's hash");
            }

            if (e is null)
            {
                return Broken(expectedSequence - 1, s.Sequence, $"event {s.EventId} sealed here is missing (deleted)");
            }

            if (AuditChain.ComputeHash(e, s.Sequence, s.PreviousHash) != s.Hash
                && !(s.Sequence == e.Id && AuditChain.ComputeLegacyHash(e, s.Sequence, s.PreviousHash) == s.Hash))
            {
                return Broken(expectedSequence - 1, s.Sequence, $"event {e.Id} does not match its seal's hash (altered)");
            }

            if (checkpointSequences.Contains(s.Sequence))
            {
                hashes[s.Sequence] = s.Hash;
            }

            previousHash = s.Hash;
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
                return Broken(head, checkpoint.Sequence, "seal differs from the checkpoint recorded for it");
            }
        }

        // The unique index forbids this; someone who dropped it could seal an event twice.
        var duplicate = await db.Set<AuditSeal>().AsNoTracking()
            .Where(s => db.Set<AuditSeal>().Any(t => t.EventId == s.EventId && t.Sequence < s.Sequence))
            .MinAsync(s => (long?)s.Sequence, cancellationToken);
        if (duplicate is { } again)
        {
            return Broken(head, again, "seals an event that an earlier seal already sealed");
        }

        var unsealed = db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking().Where(e => !db.Set<AuditSeal>().Any(s => s.EventId == e.Id));
        var oldest = await unsealed.OrderBy(e => e.OccurredAt).Select(e => new { e.Id, e.OccurredAt }).FirstOrDefaultAsync(cancellationToken);
        var waiting = oldest is null ? 0 : await unsealed.LongCountAsync(cancellationToken);
        if (oldest is not null && clock.GetUtcNow() - oldest.OccurredAt > SealGrace)
        {
            return new AuditVerification(false, head, head, null,
                $"event {oldest.Id} of {oldest.OccurredAt:O} is not sealed ({waiting} unsealed; the sealer is not running, or a seal was removed)", waiting);
        }

        // Intact as far as the database shows. Whether anything outside it vouches for the chain:
        var newestOutside = read.Outside.Count == 0 ? 0 : read.Outside.Max(c => c.Sequence);
        if (head > 0 && newestOutside == 0)
        {
            return new AuditVerification(true, head, head, null,
                "no checkpoint outside the database was found (the checkpoint file is missing; name shipped copies with --checkpoints): a rewritten chain would look the same",
                waiting, Vouched: false, SealedAfterLastCheckpoint: head);
        }

        return new AuditVerification(true, head, head, null, null, waiting, SealedAfterLastCheckpoint: head - newestOutside);
    }

    private static AuditVerification Broken(long count, long sequence, string reason) => new(false, count, count, sequence, reason);
}
