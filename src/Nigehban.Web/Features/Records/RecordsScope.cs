using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Where an officer may read and write person records: the district of their home unit (a station's
/// front desk reads the criminal history of the whole district, and nothing beyond it), or their own
/// unit's subtree for officers above a district. Outside it a person's record does not exist (404).
/// Search is force-wide and shows only who a person is and which district holds them (ADR-059).
/// </summary>
public sealed class RecordsScope(NigehbanDbContext db, CurrentUser user, UnitDirectory units, ForcePack force)
{
    public string Path =>
        (user.UnitCode is { } code ? units.AncestorOfKind(code, force.ReferenceUnitKind)?.Path : null)
        ?? user.UnitPath
        ?? JurisdictionScope.Nothing;

    public bool Covers(string unitPath) => unitPath.StartsWith(Path, StringComparison.Ordinal);

    /// <summary>Person records of the scope, tracked, with their names and history.</summary>
    public IQueryable<PersonRecord> Persons()
    {
        var path = Path;
        // The unit filter would stop at a station's own subtree: the district rule above replaces it.
        return db.Set<PersonRecord>().IgnoreQueryFilters().Where(p => p.UnitPath.StartsWith(path));
    }

    public async Task<PersonRecord> FindAsync(Guid id, string field, CancellationToken cancellationToken) =>
        await Persons().Include(p => p.Names).Include(p => p.History).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw new NotFoundException(field, RecordsErrors.Text("Person.NotFound"));
}
