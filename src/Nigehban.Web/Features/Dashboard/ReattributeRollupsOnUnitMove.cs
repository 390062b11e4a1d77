using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// When a unit moves to another district, its subtree's own rows are its units' figures: their sums
/// are subtracted from the old district's rows and added to the new one's, in the move's transaction.
/// </summary>
internal sealed class ReattributeRollupsOnUnitMove : IUnitMoveParticipant
{
    public async Task UnitMovedAsync(NigehbanDbContext db, UnitMove move, CancellationToken cancellationToken)
    {
        var (oldDistrict, newDistrict) = (move.OldDistrict, move.NewDistrict);
        if (string.Equals(oldDistrict, newDistrict, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var subtree = move.Subtree.ToList();
        var sums = await db.Set<DashboardRollup>().AsNoTracking()
            .Where(r => subtree.Contains(r.UnitCode))
            .GroupBy(r => new { r.Period, r.PeriodStart, r.Metric, r.Dimension })
            .Select(g => new { g.Key.Period, g.Key.PeriodStart, g.Key.Metric, g.Key.Dimension, Count = g.Sum(r => r.Count), Measure = g.Sum(r => r.Measure) })
            .ToListAsync(cancellationToken);
        var deltas = new List<(RollupKey, RollupSums)>();
        foreach (var s in sums)
        {
            if (oldDistrict is not null)
            {
                deltas.Add((new RollupKey(oldDistrict, s.Period, s.PeriodStart, s.Metric, s.Dimension), new RollupSums(-s.Count, -s.Measure)));
            }

            if (newDistrict is not null)
            {
                deltas.Add((new RollupKey(newDistrict, s.Period, s.PeriodStart, s.Metric, s.Dimension), new RollupSums(s.Count, s.Measure)));
            }
        }

        await RollupWriter.UpsertAsync(db, deltas, cancellationToken);
    }
}
