using System.Text;

namespace Nigehban.Bench.Data;

/// <summary>
/// SplitMix64: a tiny, well-known generator whose output depends only on the seed and the stream
/// name, never on the .NET version (System.Random's seeded sequence is not a documented contract).
/// Each table draws from its own stream, so adding persons never changes the staff.
/// </summary>
public sealed class DeterministicRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public DeterministicRandom(int seed, string stream)
    {
        // FNV-1a of the stream name, mixed with the seed.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(stream))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        _state = hash ^ ((ulong)(uint)seed * Golden);
    }

    public ulong NextUInt64()
    {
        var z = _state += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, maxExclusive), by multiply-shift (no modulo bias worth measuring).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i += 8)
        {
            var value = NextUInt64();
            for (var j = 0; j < 8 && i + j < buffer.Length; j++)
            {
                buffer[i + j] = (byte)(value >> (8 * j));
            }
        }
    }

    /// <summary>A random (version 4 layout) GUID drawn from this stream.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
