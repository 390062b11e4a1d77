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
    /// Numbers reserved per round trip. A stopped process loses what is left of each block it held
    /// (at most this many less one per counter): gaps, which ADR-005 allows.
    /// </summary>
    public const int BlockSize = 20;

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

            var first = await reserve(BlockSize);
            block.Start(first + 1, first + BlockSize);
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

        public void Start(long next, long end)
        {
            lock (_lock)
            {
                _next = next;
                _end = end;
            }
        }
    }
}
