using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.SearchPersons;

public sealed record PersonSearchQuery(string? Purpose, string? NationalId, string? Name, string? FatherName, string? Phone, int? Page, int? PageSize);

/// <summary>
/// A person found: who they are and which district holds the record. The record itself (history,
/// aliases) is read within that district (<c>inYourDistrict</c>); a match through a merged duplicate
/// shows the record it was merged into.
/// </summary>
public sealed record PersonMatch(
    Guid Id, string Name, string? ParentName, string? NationalId, int? BirthYear, string District, bool InYourDistrict, string MatchedOn, string? MatchedName);

/// <summary>
/// Person search (ADR-058, ADR-059): by national ID (exact, in the pack's normalised form: a mistyped
/// ID finds no one else), by name in any spelling or script, by father's name, by phone; the given
/// criteria must all match. Force-wide: a person is found whichever district holds them. Every
/// search states its purpose and is audited.
/// </summary>
public sealed class SearchPersonsHandler(
    NigehbanDbContext db, PersonNameIndex index, NameKeys keys, LookupRecorder lookups, RecordsScope scope, UnitDirectory units, ForcePack force)
{
    public async Task<PagedList<PersonMatch>> HandleAsync(PersonSearchQuery query, CancellationToken cancellationToken)
    {
        var purpose = lookups.PurposeOf(query.Purpose);
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? PagedList<PersonMatch>.DefaultPageSize;
        if (page < 1)
        {
            throw new ValidationFailedException("page", ApiErrors.Text("Page.StartsAtOne"));
        }

        if (pageSize is < 1 or > PagedList<PersonMatch>.MaxPageSize)
        {
            throw new ValidationFailedException("pageSize", ApiErrors.Text("PageSize.Range", PagedList<PersonMatch>.MaxPageSize));
        }

        var criteria = Criteria.Read(query, keys, force.NationalId);
        await lookups.AdmitAsync(purpose, criteria.What, criteria.NationalId, cancellationToken);

        var persons = db.Set<PersonRecord>().IgnoreQueryFilters().AsNoTracking(); // force-wide on purpose, see the class comment
        HashSet<Guid>? found = null;
        var matchedNames = new Dictionary<Guid, Guid>();
        string matchedOn = criteria.What;
        if (criteria.NationalId is { } id)
        {
            found = Narrow(found, await persons.Where(p => p.NationalId == id).Select(p => p.Id).ToListAsync(cancellationToken));
        }

        if (criteria.Phone is { } phone)
        {
            found = Narrow(found, await persons.Where(p => p.Phone == phone).Select(p => p.Id).ToListAsync(cancellationToken));
        }

        if (criteria.NameParts is { } nameParts)
        {
            var rows = await index.FindAsync(nameParts, parentNames: false, cancellationToken);
            foreach (var (person, name) in rows)
            {
                matchedNames.TryAdd(person, name);
            }

            found = Narrow(found, rows.Select(r => r.PersonId));
        }

        if (criteria.FatherParts is { } fatherParts)
        {
            found = Narrow(found, (await index.FindAsync(fatherParts, parentNames: true, cancellationToken)).Select(r => r.PersonId));
        }

        var matches = await MatchesAsync(found ?? [], matchedNames, criteria, matchedOn, cancellationToken);
        var shown = matches.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize).ToList();
        await lookups.RecordAsync(purpose, criteria.What, shown.Select(m => m.Id), cancellationToken);
        return new PagedList<PersonMatch>(shown, page, pageSize, matches.Count);
    }

    private static HashSet<Guid> Narrow(HashSet<Guid>? found, IEnumerable<Guid> ids)
    {
        var set = ids.ToHashSet();
        if (found is not null)
        {
            set.IntersectWith(found);
        }

        return set;
    }

    private async Task<List<PersonMatch>> MatchesAsync(
        HashSet<Guid> ids, Dictionary<Guid, Guid> matchedNames, Criteria criteria, string matchedOn, CancellationToken cancellationToken)
    {
        var persons = db.Set<PersonRecord>().IgnoreQueryFilters().AsNoTracking();
        var hits = await persons.Where(p => ids.Contains(p.Id))
            .Select(p => new PersonRow(p.Id, p.MergedIntoId, p.Name, p.ParentName, p.NationalId, p.BirthYear, p.UnitPath)).ToListAsync(cancellationToken);
        // A match through a merged duplicate shows the record it was merged into: read only when there is one.
        var survivorIds = hits.Select(h => h.MergedIntoId ?? h.Id).ToHashSet();
        var unread = survivorIds.Except(hits.Select(h => h.Id)).ToList();
        var survivors = hits.Where(h => survivorIds.Contains(h.Id)).ToList();
        if (unread.Count > 0)
        {
            survivors.AddRange(await persons.Where(p => unread.Contains(p.Id))
                .Select(p => new PersonRow(p.Id, p.MergedIntoId, p.Name, p.ParentName, p.NationalId, p.BirthYear, p.UnitPath)).ToListAsync(cancellationToken));
        }

        var nameIds = matchedNames.Values.ToHashSet();
        var names = nameIds.Count == 0 ? []
            : await db.Set<PersonName>().AsNoTracking().Where(n => nameIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);

        var results = new List<(PersonMatch Match, int Extra)>();
        foreach (var survivor in survivors.Where(s => s.MergedIntoId is null))
        {
            var via = hits.Where(h => (h.MergedIntoId ?? h.Id) == survivor.Id).Select(h => h.Id).ToList();
            var name = via.Select(v => matchedNames.TryGetValue(v, out var n) && names.TryGetValue(n, out var row) ? row : null).OfType<PersonName>()
                .OrderBy(n => n.Key.Length).FirstOrDefault();
            var extra = name is null || criteria.NameParts is null ? 0 : keys.PartsOf(name.Text).Count - criteria.NameParts.Count;
            var on = name is null ? matchedOn : name.Kind == PersonNameKind.Alias ? "alias" : "name";
            results.Add((new PersonMatch(survivor.Id, survivor.Name, survivor.ParentName, survivor.NationalId, survivor.BirthYear,
                DistrictOf(survivor.UnitPath), scope.Covers(survivor.UnitPath), on, name?.Text), extra));
        }

        return [.. results.OrderBy(r => r.Extra).ThenBy(r => r.Match.Name, StringComparer.Ordinal).ThenBy(r => r.Match.Id).Select(r => r.Match)];
    }

    private sealed record PersonRow(Guid Id, Guid? MergedIntoId, string Name, string? ParentName, string? NationalId, int? BirthYear, string UnitPath);

    private string DistrictOf(string unitPath)
    {
        var codes = unitPath.Trim('/').Split('/');
        return codes.Reverse().FirstOrDefault(c => units.Find(c)?.Kind == force.ReferenceUnitKind) ?? codes[^1];
    }

    /// <summary>The search's criteria, checked: a malformed ID, phone or name is a 400 naming it; no criterion at all names <c>name</c>.</summary>
    private sealed record Criteria(string What, string? NationalId, string? Phone, IReadOnlyList<string>? NameParts, IReadOnlyList<string>? FatherParts)
    {
        public static Criteria Read(PersonSearchQuery query, NameKeys keys, NationalIdRule rule)
        {
            var errors = new ValidationErrors();
            string? nationalId = null;
            if (!string.IsNullOrWhiteSpace(query.NationalId) && (nationalId = rule.Normalise(query.NationalId)) is null)
            {
                errors.Add("nationalId", RecordsErrors.Text("NationalId.Invalid", rule.LocalName, rule.Example));
            }

            var phone = PhoneNumber.Digits(query.Phone);
            if (!string.IsNullOrWhiteSpace(query.Phone) && phone is null)
            {
                errors.Add("phone", RecordsErrors.Text("Phone.Invalid"));
            }

            var name = Parts(query.Name, "name", keys, errors);
            var father = Parts(query.FatherName, "fatherName", keys, errors);
            errors.ThrowIfAny();
            var given = new[] { (nationalId, "nationalId"), (phone, "phone"), (name is null ? null : "x", "name"), (father is null ? null : "x", "fatherName") }
                .Where(c => c.Item1 is not null).Select(c => c.Item2).ToList();
            if (given.Count == 0)
            {
                throw new ValidationFailedException("name", RecordsErrors.Text("Search.NoCriterion"));
            }

            return new Criteria(string.Join('+', given), nationalId, phone, name, father);
        }

        private static IReadOnlyList<string>? Parts(string? text, string field, NameKeys keys, ValidationErrors errors)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var parts = text.Length > 120 ? [] : keys.PartsOf(text);
            if (parts.Count == 0)
            {
                errors.Add(field, RecordsErrors.Text("Name.Invalid"));
            }

            return parts;
        }
    }
}
