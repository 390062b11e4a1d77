using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// Starting an instance on another force's database is refused: it would silently merge two
/// forces (two unit roots, one force's staff in the other's portal). Raised before any unit is synced.
/// </summary>
public sealed class WrongForceException(string owner, ForcePack configured, string restartHint)
    : Exception($"this database belongs to {owner}, not to force '{configured.Code}' ({configured.Name}): "
        + $"start {configured.Code} as a separate instance with its own data folder (Storage__DataDirectory, or another working directory) "
        + $"or its own PostgreSQL database (Database__ConnectionString){restartHint}");

/// <summary>
/// Records the configured force in a new database and refuses a database recorded for another force.
/// A database from before the record existed is adopted only when it holds no units or holds this
/// pack's top unit; units of another force alone mean it belongs to someone else.
/// </summary>
public static class CheckInstanceForce
{
    public static async Task RunAsync(NigehbanDbContext db, ForcePack force, TimeProvider time, CancellationToken cancellationToken)
    {
        var recorded = await db.Set<InstanceForce>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (recorded is not null)
        {
            if (!string.Equals(recorded.ForceCode, force.Code, StringComparison.Ordinal))
            {
                throw new WrongForceException($"force '{recorded.ForceCode}' ({recorded.ForceName})", force, $"; this one starts with Force={recorded.ForceCode}");
            }

            return;
        }

        var rootCode = force.Units[0].Code;
        var unitCodes = await db.Database
            .SqlQueryRaw<string>("SELECT \"Code\" AS \"Value\" FROM units WHERE \"ParentCode\" IS NULL")
            .ToListAsync(cancellationToken);
        if (unitCodes.Count > 0 && !unitCodes.Contains(rootCode, StringComparer.OrdinalIgnoreCase))
        {
            throw new WrongForceException($"another force (its top unit is {string.Join(", ", unitCodes)})", force, string.Empty);
        }

        db.Add(new InstanceForce { Id = InstanceForce.TheRow, ForceCode = force.Code, ForceName = force.Name, RecordedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
