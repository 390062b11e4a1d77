using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>Demo data: four open counters at the first station of the first two districts, where the demo front desks sit.</summary>
public sealed class SeedDemoCentre(NigehbanDbContext db, UnitDirectory units, ForcePack force) : IDemoDataSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<ServiceCounter>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var district in units.All.Where(u => u.Kind == force.ReferenceUnitKind).Take(2))
        {
            var station = units.All.FirstOrDefault(u => u.Kind == force.StationUnitKind && u.Path.StartsWith(district.Path, StringComparison.Ordinal)) ?? district;
            for (var number = 1; number <= 4; number++)
            {
                db.Add(new ServiceCounter { Id = Guid.CreateVersion7(), UnitCode = station.Code, UnitPath = station.Path, Number = number, Label = $"Counter {number}" });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
