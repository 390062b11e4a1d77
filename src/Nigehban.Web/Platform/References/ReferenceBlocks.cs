using System.Diagnostics;

namespace Nigehban.Web.Platform.References;

/// <summary>
/// Blocks of reference numbers this process has reserved, one per counter (kind, district, year),
/// handed out in order from memory (a hi-lo scheme, ADR-013). Singleton: the numbers of a block
/// belong to this process alone, because the database counter moved past the whole block when it
/// was reserved.
/// </summary>
public sealed class ReferenceBlocks
{
    /// <summary>
    /// Numbers reserved per round trip by a counter's first block, and the least any block reserves.
    /// A stopped process loses what is left of each block it held: gaps, which ADR-005 allows.
    /// </summary>
    public const int BlockSize = 20;

    /// <summary>The largest block: what a busy counter's restart may skip, less one.</summary>
    public const int MaxBlockSize = 320;

    /// <summary>
    /// A block used up sooner than this after its reservation makes the next one twice as large, a
    /// block that lasted longer makes it half as large (ADR-016). A busy district's requests then
    /// rarely wait for a reservation, which on SQLite queues for the write lock behind whole groups
    /// of submissions; a quiet district keeps small blocks and small gaps.
    /// </summary>
    public static readonly TimeSpan BusyBlock = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, string District, int Year), Block> _blocks = new();

    /// <summary>The next number of the counter's block; when it is used up, <paramref name="reserve"/> (given the size) returns the first number of a fresh one.</summary>
    public async Task<long> NextAsync((string Kind, string District, int Year) counter, Func<int, Task<long>> reserve, CancellationToken cancellationToken)
    {
        var block = _blocks.GetOrAdd(counter, _ => new Block());
        if (block.TryTake(out var number))
        {
            return number;
        }

        // One reservation at a time per counter; whoever waited takes from the block it brought.
        await block.Refill.WaitAsync(cancellationToken);
        try
        {
            if (block.TryTake(out number))
            {
                return number;
            }

            var size = block.NextSize();
            var first = await reserve(size);
            block.Start(first + 1, first + size, size);
            return first;
        }
        finally
        {
            block.Refill.Release();
        }
    }

    private sealed class Block
    {
        private readonly Lock _lock = new();
        private long _next;
        private long _end; // exclusive
        private int _size;
        private long _reservedAt;

        public SemaphoreSlim Refill { get; } = new(1, 1);

        public bool TryTake(out long number)
        {
            lock (_lock)
            {
                number = _next;
                if (_next < _end)
                {
                    _next++;
                    return true;
                }

                return false;
            }
        }

        /// <summary>Twice the last block's size if it went in under <see cref="BusyBlock"/> (up to the maximum), else half of it (down to the minimum).</summary>
        public int NextSize()
        {
            lock (_lock)
            {
                if (_size == 0)
                {
                    return BlockSize;
                }

                return Stopwatch.GetElapsedTime(_reservedAt) < BusyBlock ? Math.Min(2 * _size, MaxBlockSize) : Math.Max(_size / 2, BlockSize);
            }
        }

        public void Start(long next, long end, int size)
        {
            lock (_lock)
            {
                _next = next;
                _end = end;
                _size = size;
                _reservedAt = Stopwatch.GetTimestamp();
            }
        }
    }
}
