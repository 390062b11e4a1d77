using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Organisation;

/// <summary>
/// Brings the units table in line with the force pack at start-up (new units added, names
/// updated) and loads the in-memory directory. Units are never deleted here: records may still
/// point at them; retiring a unit is a deliberate administrative act. Where a unit sits is the
/// pack's word only when the unit is first loaded: after that the database holds the parent, so
/// a unit moved by <see cref="MoveUnitHandler"/> (which re-paths records and dashboard figures)
/// stays moved across restarts, and a pack edit cannot re-parent a unit behind its records' back.
/// </summary>
public sealed class SyncUnitsFromForcePack(NigehbanDbContext db, ForcePack force, UnitDirectory directory)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Set<Unit>().ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var changes = 0;
        for (var i = 0; i < force.Units.Count; i++)
        {
            var definition = force.Units[i];
            var path = existing.TryGetValue(definition.Code, out var stored) ? stored.Path
                : definition.ParentCode is null ? $"/{definition.Code}/" : $"{paths[definition.ParentCode]}{definition.Code}/";
            paths[definition.Code] = path;
            var depth = force.UnitKinds.ToList().IndexOf(definition.Kind);
            if (!existing.TryGetValue(definition.Code, out var unit))
            {
                db.Add(new Unit
                {
                    Code = definition.Code,
                    Name = definition.Name,
                    Kind = definition.Kind,
                    ParentCode = definition.ParentCode,
                    Path = path,
                    Depth = depth,
                    ShortCode = definition.ShortCode,
                    SortOrder = i,
                });
                changes++;
            }
            else if (unit.Name != definition.Name || unit.Kind != definition.Kind
                || unit.ShortCode != definition.ShortCode || unit.SortOrder != i || unit.Depth != depth)
            {
                unit.Name = definition.Name;
                unit.Kind = definition.Kind;
                unit.Depth = depth;
                unit.ShortCode = definition.ShortCode;
                unit.SortOrder = i;
                changes++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await ReloadDirectoryAsync(db, directory, cancellationToken);
        return changes;
    }

    public static async Task ReloadDirectoryAsync(NigehbanDbContext db, UnitDirectory directory, CancellationToken cancellationToken)
    {
        var units = await db.Set<Unit>().AsNoTracking()
            .OrderBy(u => u.SortOrder)
            .Select(u => new UnitInfo(u.Code, u.Name, u.Kind, u.ParentCode, u.Path, u.Depth, u.ShortCode))
            .ToListAsync(cancellationToken);
        directory.Replace(units);
    }
}

/// <summary>The start-up step: units in line with the pack, and the directory loaded, before anything reads them.</summary>
internal sealed class SyncUnitsAtStart(SyncUnitsFromForcePack sync) : IStartupStep
{
    public int Order => StartupOrder.Units;

    public Task RunAsync(StartupContext context, CancellationToken cancellationToken) => sync.RunAsync(cancellationToken);
}
