using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Watchlists;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// The cases module's answer to <see cref="IWantedPersons"/>: proclaimed offenders still wanted,
/// force-wide (a guest wanted in another district is still wanted), by national ID or by name key
/// with the father's name. Only the fields of a match leave the module.
/// </summary>
public sealed class WantedPersonsLookup(NigehbanDbContext db, ForcePack force) : IWantedPersons
{
    private const int MaxMatches = 50;

    public async Task<IReadOnlyList<WantedEntry>> ByNationalIdAsync(string nationalId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nationalId))
        {
            return [];
        }

        // Stored in the pack's normal form; a caller holding the written form (12345-1234567-1) is served too.
        var id = force.NationalId.Normalise(nationalId) ?? nationalId.Trim();
        return await Entries(Wanted().Where(w => w.NationalId == id), cancellationToken);
    }

    public async Task<IReadOnlyList<WantedEntry>> ByNameAsync(string name, string? fatherName, CancellationToken cancellationToken)
    {
        var key = WantedNames.KeyOf(name ?? "");
        if (key.Length == 0)
        {
            return [];
        }

        var rows = Wanted().Where(w => w.NameKey == key);
        if (!string.IsNullOrWhiteSpace(fatherName))
        {
            var fatherKey = WantedNames.KeyOf(fatherName);
            rows = rows.Where(w => w.FatherNameKey == null || w.FatherNameKey == fatherKey);
        }

        return await Entries(rows, cancellationToken);
    }

    // Force-wide on purpose, see the class comment.
    private IQueryable<WantedPerson> Wanted() =>
        db.Set<WantedPerson>().IgnoreQueryFilters().AsNoTracking().Where(w => w.Status == WantedStatus.Wanted);

    private static async Task<IReadOnlyList<WantedEntry>> Entries(IQueryable<WantedPerson> rows, CancellationToken cancellationToken) =>
        await rows.OrderBy(w => w.ProclaimedOn).Take(MaxMatches)
            .Select(w => new WantedEntry(w.Name, w.FatherName, w.NationalId, w.Reference, w.FirNumber, w.UnitCode, w.ProclaimedOn, w.Court))
            .ToListAsync(cancellationToken);
}
