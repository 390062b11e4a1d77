using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>Configuration section <c>ServiceCentres:TrackingCache</c>: the in-process cache of public tracking answers (ADR-015).</summary>
public sealed class TrackingCacheOptions
{
    public const string Section = "ServiceCentres:TrackingCache";

    /// <summary>Applications held at most; 0 turns the cache off.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>
    /// How long an answer is served from memory at most. Another app instance's writes reach this
    /// one's cache only when its entries expire, so this bounds how stale tracking can be when
    /// several instances serve one database.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// What public tracking shows of one application, before the language is chosen: the service code
/// (its name is looked up per request), status, dates, the applicant's name already masked, the
/// reason meant for the citizen and the timeline with only the notes a citizen may read.
/// </summary>
public sealed record TrackedStatus(
    string Reference,
    string ServiceCode,
    ServiceRequestStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string MaskedApplicantName,
    string? ReasonForCitizen,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<string> ReceivedDocuments);

/// <summary>
/// Public tracking answers held in memory (ADR-015), keyed by canonical reference. An entry also
/// holds the normalised national ID it was read with and serves only a request carrying that same
/// ID; any other ID goes to the database, which answers 404. Bounded in size and in age.
/// </summary>
/// <remarks>
/// Freshness within this process: a commit that touched an application evicts its reference
/// (<see cref="TrackingCacheInvalidation"/>) after the commit. A read that queried before the commit
/// and stores after the eviction is caught by a generation counter: the reader takes its
/// reference's generation before querying (<see cref="Generation"/>), eviction bumps it before
/// removing, and <see cref="Store"/> withdraws an entry whose generation moved. Generations are
/// kept per stripe of references (a fixed array), not per reference, so they cost no memory per
/// application; a collision only costs a store that did not happen.
/// </remarks>
public sealed class TrackingCache : IDisposable
{
    private const int Stripes = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long[] _generations = new long[Stripes];
    private readonly TimeProvider _clock;
    private readonly int _maxEntries;
    private readonly long _lifetimeTicks;
    private readonly ITimer? _sweeper;
    private int _count;
    private int _trimming;

    public TrackingCache(TrackingCacheOptions options, TimeProvider clock)
    {
        _clock = clock;
        _maxEntries = Math.Max(0, options.MaxEntries);
        _lifetimeTicks = options.Expiry <= TimeSpan.Zero
            ? 0
            : (long)Math.Min(long.MaxValue / 2.0, options.Expiry.TotalSeconds * clock.TimestampFrequency);

        // Expired entries are otherwise dropped only when read again or when the cache is full: the
        // sweep keeps national IDs from lingering in memory long after their answers stopped counting.
        if (Enabled)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(options.Expiry.Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour)); // a timer's period has a ceiling
            _sweeper = clock.CreateTimer(_ => SweepExpired(), null, period, period);
        }
    }

    public void Dispose() => _sweeper?.Dispose();

    public bool Enabled => _maxEntries > 0 && _lifetimeTicks > 0;

    /// <summary>Entries held now, expired ones not yet dropped included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Taken before reading the database; handed to <see cref="Store"/> with what was read.</summary>
    public long Generation(string reference) => Interlocked.Read(ref _generations[Stripe(reference)]);

    /// <summary>The held answer for this reference, if it was read with this normalised national ID and has not expired.</summary>
    public bool TryGet(string reference, string nationalId, out TrackedStatus status)
    {
        status = null!;
        if (!_entries.TryGetValue(reference, out var entry))
        {
            return false;
        }

        if (_clock.GetTimestamp() >= entry.ExpiresAt)
        {
            Remove(new KeyValuePair<string, Entry>(reference, entry));
            return false;
        }

        // Constant time in the ID's content, so the comparison says nothing about how close a guess came.
        Span<byte> given = stackalloc byte[256];
        var length = Encoding.UTF8.GetByteCount(nationalId);
        var bytes = length <= given.Length ? given[..length] : new byte[length];
        Encoding.UTF8.GetBytes(nationalId, bytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes, entry.NationalId))
        {
            return false;
        }

        status = entry.Status;
        return true;
    }

    /// <summary>
    /// Holds an answer just read from the database for <paramref name="nationalId"/>, unless the
    /// reference was evicted since <paramref name="generation"/> was taken (the answer may predate
    /// a commit) or the cache is full and cannot make room.
    /// </summary>
    public void Store(string reference, string nationalId, TrackedStatus status, long generation)
    {
        if (!Enabled || Generation(reference) != generation)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= _maxEntries && !MakeRoom())
        {
            return;
        }

        var entry = new Entry(Encoding.UTF8.GetBytes(nationalId), status, _clock.GetTimestamp() + _lifetimeTicks);
        // Add, or replace the entry for the same reference (the count stands); retried when the
        // old entry went in between, so the count stays exact.
        while (true)
        {
            if (_entries.TryAdd(reference, entry))
            {
                Interlocked.Increment(ref _count);
                break;
            }

            if (_entries.TryGetValue(reference, out var old) && _entries.TryUpdate(reference, entry, old))
            {
                break;
            }
        }

        // An eviction may have run between the check above and the insert; the full-fence read
        // after the insert sees its bump, or the eviction's removal comes after the insert.
        if (Generation(reference) != generation)
        {
            Remove(new KeyValuePair<string, Entry>(reference, entry));
        }
    }

    /// <summary>Drops these references' answers; called after a commit that changed the applications.</summary>
    public void Evict(IEnumerable<string> references)
    {
        foreach (var reference in references)
        {
            Interlocked.Increment(ref _generations[Stripe(reference)]);
            if (_entries.TryRemove(reference, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Drops every answer; for a change whose applications could not be named.</summary>
    public void EvictAll()
    {
        for (var i = 0; i < _generations.Length; i++)
        {
            Interlocked.Increment(ref _generations[i]);
        }

        foreach (var pair in _entries)
        {
            Remove(pair);
        }
    }

    private void Remove(KeyValuePair<string, Entry> pair)
    {
        // Only this entry: a newer one for the same reference stays.
        if (_entries.TryRemove(pair))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops the expired entries; runs every expiry period, and from tests.</summary>
    internal void SweepExpired()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            DropExpired();
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    /// <summary>
    /// Drops expired entries and, if that is not enough, a tenth of the rest (whichever the
    /// dictionary yields first), so a full cache is swept once per tenth of its size, not per store.
    /// One thread sweeps; others skip their store meanwhile.
    /// </summary>
    private bool MakeRoom()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return false;
        }

        try
        {
            DropExpired();
            var target = _maxEntries - Math.Max(1, _maxEntries / 10);
            foreach (var pair in _entries)
            {
                if (Volatile.Read(ref _count) <= target)
                {
                    break;
                }

                Remove(pair);
            }

            return Volatile.Read(ref _count) < _maxEntries;
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private void DropExpired()
    {
        var now = _clock.GetTimestamp();
        foreach (var pair in _entries)
        {
            if (now >= pair.Value.ExpiresAt)
            {
                Remove(pair);
            }
        }
    }

    private static int Stripe(string reference) => (int)((uint)StringComparer.Ordinal.GetHashCode(reference) % Stripes);

    private sealed class Entry(byte[] nationalId, TrackedStatus status, long expiresAt)
    {
        public byte[] NationalId { get; } = nationalId;
        public TrackedStatus Status { get; } = status;
        public long ExpiresAt { get; } = expiresAt;
    }
}
