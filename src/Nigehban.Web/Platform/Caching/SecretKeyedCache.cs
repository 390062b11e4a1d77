using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Nigehban.Web.Platform.Caching;

/// <summary>
/// Public tracking answers held in memory (ADR-015), keyed by canonical reference. An entry also
/// holds the citizen's secret it was read with (a normalised national ID, a phone) and serves only
/// a request carrying that same secret; any other goes to the database, which answers 404. Bounded
/// in size and in age. Each module that tracks records derives its own cache (one singleton each).
/// </summary>
/// <remarks>
/// Freshness within this process: a commit that touched a record evicts its reference (the module's
/// <see cref="Data.AfterCommitInterceptor{TPending}"/>) after the commit. A read that queried before the commit
/// and stores after the eviction is caught by a generation counter: the reader takes its
/// reference's generation before querying (<see cref="Generation"/>), eviction bumps it before
/// removing, and <see cref="Store"/> withdraws an entry whose generation moved. Generations are
/// kept per stripe of references (a fixed array), not per reference, so they cost no memory per
/// record; a collision only costs a store that did not happen.
/// </remarks>
public abstract class SecretKeyedCache<TValue> : IDisposable
    where TValue : class
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

    protected SecretKeyedCache(int maxEntries, TimeSpan expiry, TimeProvider clock)
    {
        _clock = clock;
        _maxEntries = Math.Max(0, maxEntries);
        _lifetimeTicks = expiry <= TimeSpan.Zero
            ? 0
            : (long)Math.Min(long.MaxValue / 2.0, expiry.TotalSeconds * clock.TimestampFrequency);

        // Expired entries are otherwise dropped only when read again or when the cache is full: the
        // sweep keeps national IDs from lingering in memory long after their answers stopped counting.
        if (Enabled)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(expiry.Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour)); // a timer's period has a ceiling
            _sweeper = clock.CreateTimer(_ => SweepExpired(), null, period, period);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sweeper?.Dispose();
        }
    }

    public bool Enabled => _maxEntries > 0 && _lifetimeTicks > 0;

    /// <summary>Entries held now, expired ones not yet dropped included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Taken before reading the database; handed to <see cref="Store"/> with what was read.</summary>
    public long Generation(string reference) => Interlocked.Read(ref _generations[Stripe(reference)]);

    /// <summary>The held answer for this reference, if it was read with this secret and has not expired.</summary>
    public bool TryGet(string reference, string secret, out TValue status)
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
        var length = Encoding.UTF8.GetByteCount(secret);
        var bytes = length <= given.Length ? given[..length] : new byte[length];
        Encoding.UTF8.GetBytes(secret, bytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes, entry.Secret))
        {
            return false;
        }

        status = entry.Status;
        return true;
    }

    /// <summary>
    /// Holds an answer just read from the database for <paramref name="secret"/>, unless the
    /// reference was evicted since <paramref name="generation"/> was taken (the answer may predate
    /// a commit) or the cache is full and cannot make room.
    /// </summary>
    public void Store(string reference, string secret, TValue status, long generation)
    {
        if (!Enabled || Generation(reference) != generation)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= _maxEntries && !MakeRoom())
        {
            return;
        }

        var entry = new Entry(Encoding.UTF8.GetBytes(secret), status, _clock.GetTimestamp() + _lifetimeTicks);
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

    /// <summary>Drops these references' answers; called after a commit that changed the records.</summary>
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

    /// <summary>Drops every answer; for a change whose records could not be named.</summary>
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

    private sealed class Entry(byte[] secret, TValue status, long expiresAt)
    {
        public byte[] Secret { get; } = secret;
        public TValue Status { get; } = status;
        public long ExpiresAt { get; } = expiresAt;
    }
}
