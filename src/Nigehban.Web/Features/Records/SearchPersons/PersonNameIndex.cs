using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records.SearchPersons;

/// <summary>
/// Finds the persons one of whose names holds every given part key as a whole part (ADR-058). The
/// test is the same on both providers — <c>key LIKE '% PART %'</c> for each part, on keys of capital
/// Latin letters and spaces — so both answer the same persons; only the index differs: a GIN
/// trigram index (pg_trgm) on PostgreSQL, the FTS5 trigram table <c>person_name_search</c> on SQLite,
/// which serves LIKE itself and is kept in step with <c>person_names</c> by triggers.
/// </summary>
public sealed class PersonNameIndex(NigehbanDbContext db)
{
    /// <summary>
    /// A name search looks at no more candidate names than this (a name shared by more people needs
    /// another criterion). The first ones by id: a uuid orders as its hex text does, which is how
    /// SQLite stores it, so both providers keep the same candidates.
    /// </summary>
    public const int MaxCandidates = 500;

    public async Task<List<(Guid PersonId, Guid NameId)>> FindAsync(IReadOnlyList<string> parts, bool parentNames, CancellationToken cancellationToken)
    {
        string[] kinds = parentNames ? [nameof(PersonNameKind.Parent)] : [nameof(PersonNameKind.Primary), nameof(PersonNameKind.Alias)];
        var patterns = parts.Select(p => "% " + p + " %").ToList();
        if (!db.IsPostgres)
        {
            // Only placeholders and this class's constants go into the text; the patterns are parameters.
            var conditions = string.Join(" AND ", patterns.Select((_, i) => $"key LIKE {{{i}}}"));
            var sql = "SELECT person_id || ' ' || name_id AS \"Value\" FROM person_name_search WHERE " + conditions
                + " AND kind IN ('" + string.Join("','", kinds) + "') ORDER BY name_id LIMIT " + MaxCandidates.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rows = await db.Database.SqlQueryRaw<string>(sql, [.. patterns.Cast<object>()]).ToListAsync(cancellationToken);
            return [.. rows.Select(r => r.Split(' ')).Select(r => (Guid.Parse(r[0]), Guid.Parse(r[1])))];
        }

        PersonNameKind[] kindValues = parentNames ? [PersonNameKind.Parent] : [PersonNameKind.Primary, PersonNameKind.Alias];
        var names = db.Set<PersonName>().AsNoTracking().Where(n => kindValues.Contains(n.Kind));
        foreach (var pattern in patterns)
        {
            names = names.Where(n => EF.Functions.Like(n.Key, pattern));
        }

        var found = await names.OrderBy(n => n.Id).Take(MaxCandidates).Select(n => new { n.PersonId, n.Id }).ToListAsync(cancellationToken);
        return [.. found.Select(n => (n.PersonId, n.Id))];
    }
}
