using System.Collections.Concurrent;

namespace Nigehban.Web.Features.Records;

public enum LookupVerdict
{
    Allowed,

    /// <summary>More lookups in a minute than the pack allows one officer.</summary>
    TooMany,

    /// <summary>National IDs looked up one after another in small steps: walking the register.</summary>
    Walking,
}

/// <summary>
/// Counts each officer's person lookups in a sliding minute and remembers their last national-ID
/// lookups, to stop bulk use (ADR-059). Kept in the process's memory: an officer spread over several
/// instances is counted per instance, which the ADR accepts. An officer stopped stays stopped for a
/// minute; the verdict says whether this is the first refusal of the spell (the one that alerts).
/// </summary>
public sealed class LookupGuard(RecordsPack pack, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Officer> _officers = new(StringComparer.Ordinal);

    public (LookupVerdict Verdict, bool FirstRefusal) Admit(string officer, string? nationalIdDigits)
    {
        var state = _officers.GetOrAdd(officer, _ => new Officer());
        var now = clock.GetUtcNow();
        lock (state)
        {
            if (state.StoppedUntil > now)
            {
                return (state.StoppedFor, false);
            }

            while (state.Recent.Count > 0 && now - state.Recent.Peek() >= Window)
            {
                state.Recent.Dequeue();
            }

            var verdict = state.Recent.Count >= pack.LookupsPerMinute ? LookupVerdict.TooMany
                : nationalIdDigits is not null && Walks(state, nationalIdDigits) ? LookupVerdict.Walking
                : LookupVerdict.Allowed;
            if (verdict != LookupVerdict.Allowed)
            {
                state.StoppedUntil = now + Window;
                state.StoppedFor = verdict;
                state.Ids.Clear();
                return (verdict, true);
            }

            state.Recent.Enqueue(now);
            return (verdict, false);
        }
    }

    /// <summary>Whether this ID closes a run of <see cref="RecordsPack.SequenceLength"/> IDs each a small step from the one before.</summary>
    private bool Walks(Officer state, string digits)
    {
        if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        state.Ids.Add(id);
        if (state.Ids.Count > pack.SequenceLength)
        {
            state.Ids.RemoveAt(0);
        }

        if (state.Ids.Count < pack.SequenceLength)
        {
            return false;
        }

        for (var i = 1; i < state.Ids.Count; i++)
        {
            var step = Math.Abs(state.Ids[i] - state.Ids[i - 1]);
            if (step < 1 || step > pack.SequenceGap)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Officer
    {
        public Queue<DateTimeOffset> Recent { get; } = new();
        public List<long> Ids { get; } = [];
        public DateTimeOffset StoppedUntil { get; set; }
        public LookupVerdict StoppedFor { get; set; }
    }
}
