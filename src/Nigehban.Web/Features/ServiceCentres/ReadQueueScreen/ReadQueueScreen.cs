using Nigehban.Web.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres.ReadQueueScreen;

public sealed class ReadQueueScreenHandler(NigehbanDbContext db, UnitDirectory units, QueueDesk desk, ForcePack force)
{
    /// <summary>The public screen: read force-wide by design (no personal data), so it works on a kiosk with no login.</summary>
    public async Task<QueueScreen> HandleAsync(string unitCode, CancellationToken cancellationToken)
    {
        // Only the kind of unit that serves the public has a queue: a district's code is no centre.
        var centre = units.Find(unitCode) is { } unit && unit.Kind == force.StationUnitKind
            ? unit
            : throw new NotFoundException("unit", ServiceCentreErrors.Text("Centre.Unknown", unitCode));
        var day = desk.Today;
        var tokens = await db.Set<QueueToken>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.UnitCode == centre.Code && t.Day == day)
            .Select(t => new { t.Number, t.Status, t.CounterNumber, t.IssuedAt, t.CalledAt })
            .ToListAsync(cancellationToken);
        var counters = await db.Set<ServiceCounter>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.UnitCode == centre.Code).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var waits = tokens.Where(t => t.CalledAt is not null).Select(t => (t.CalledAt!.Value - t.IssuedAt).TotalMinutes).ToList();
        return new QueueScreen(
            centre.Code,
            centre.LocalName,
            [.. tokens.Where(t => t.Status == TokenStatus.Waiting).OrderBy(t => t.Number).Select(t => t.Number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))],
            [.. counters.Select(c => new CounterView(c.Number, c.Label, c.IsOpen,
                tokens.Where(t => t.Status == TokenStatus.Called && t.CounterNumber == c.Number).OrderByDescending(t => t.CalledAt)
                    .Select(t => t.Number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault()))],
            waits.Count == 0 ? null : Math.Round(waits.Average(), 1));
    }
}
