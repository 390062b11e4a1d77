using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Watchlists;

namespace Nigehban.Web.Features.Records;

/// <summary>One reason a person may not be cleared: which record matched, how, and why it is flagged.</summary>
[ModuleContract]
public sealed record RecordHit(string Source, string MatchedOn, string Name, string? NationalId, string Reason);

[ModuleContract]
public sealed record RecordCheckResult(IReadOnlyList<RecordHit> Hits)
{
    /// <summary>The summary of a clear check, as stored; readers get it in their language.</summary>
    public const string NothingFound = "No record found.";

    public bool IsClear => Hits.Count == 0;

    public string Summary => IsClear
        ? NothingFound
        : string.Join("; ", Hits.Select(h => $"{h.Source}: {h.Name} ({h.MatchedOn}) — {h.Reason}"));
}

/// <summary>
/// The single way other modules ask "is this person in police records?". The records module will
/// extend the implementation (watchlists, registrations, fuzzy names); callers do not change.
/// </summary>
[ModuleContract]
public interface IRecordCheck
{
    Task<RecordCheckResult> CheckAsync(string nationalId, string name, string? parentName, CancellationToken cancellationToken);
}

/// <summary>
/// Searches flagged person records force-wide by national ID, and by name (the name or an alias,
/// compared by search key, so that spellings and scripts of one name agree; with the parent's name
/// when both are given). Force-wide by design: a record check that stopped at the district boundary
/// would clear a person wanted next door. Closed history (acquitted, cleared) raises no flag. The
/// proclaimed offenders of the cases (<see cref="IWantedPersons"/>) are asked too: a person proclaimed
/// in a case is wanted whether or not anyone has put them on record here.
/// </summary>
public sealed class PersonRecordCheck(NigehbanDbContext db, NameKeys keys, IWantedPersons wanted) : IRecordCheck
{
    public async Task<RecordCheckResult> CheckAsync(string nationalId, string name, string? parentName, CancellationToken cancellationToken)
    {
        var nameKey = keys.KeyOf(name);
        var parentKey = parentName is null ? null : keys.KeyOf(parentName);
        var named = db.Set<PersonName>().Where(n => n.Key == nameKey && n.Kind != PersonNameKind.Parent).Select(n => n.PersonId);
        var candidates = await db.Set<PersonRecord>()
            .IgnoreQueryFilters() // force-wide on purpose, see the class comment
            .AsNoTracking()
            .Where(p => (p.IsWanted || p.IsConvicted) && (p.NationalId == nationalId || named.Contains(p.Id)))
            .OrderBy(p => p.Id)
            .Take(50)
            .ToListAsync(cancellationToken);

        var hits = new List<RecordHit>();
        foreach (var p in candidates)
        {
            string? matchedOn = p.NationalId == nationalId ? "national ID"
                : parentKey is null || p.ParentName is null || keys.KeyOf(p.ParentName) == parentKey ? "name"
                : null;
            if (matchedOn is null)
            {
                continue;
            }

            var flags = string.Join(" and ", new[] { p.IsWanted ? "wanted" : null, p.IsConvicted ? "convicted" : null }.OfType<string>());
            hits.Add(new RecordHit("criminal record", matchedOn, p.Name, p.NationalId, $"{flags}: {p.Reason ?? "no reason recorded"}"));
        }

        var byId = (await wanted.ByNationalIdAsync(nationalId, cancellationToken)).Select(e => (Entry: e, MatchedOn: "national ID"));
        var byName = (await wanted.ByNameAsync(name, parentName, cancellationToken)).Select(e => (Entry: e, MatchedOn: "name"));
        foreach (var (entry, matchedOn) in byId.Concat(byName).DistinctBy(w => (w.Entry.FirReference, w.Entry.Name)))
        {
            hits.Add(new RecordHit("proclaimed offender", matchedOn, entry.Name, entry.NationalId,
                $"wanted in FIR {entry.FirNumber} at {entry.StationCode} since {entry.WantedSince:yyyy-MM-dd} ({entry.Court})"));
        }

        return new RecordCheckResult(hits);
    }
}
