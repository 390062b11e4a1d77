using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// One open stolen vehicle at the first station of the pack, numbered as the pack's own example
/// (<c>records.json</c>, <c>vehicles.registrationExample</c>), for the walk in the README: a hotel
/// check-in naming that number raises a stolen-vehicle alert.
/// </summary>
public sealed class SeedDemoStolenVehicle(NigehbanDbContext db, UnitDirectory units, ForcePack force, RecordsPack pack, TimeProvider clock) : IDemoDataSeed
{
    public const string Make = "Demo Make";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<StolenVehicle>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var station = units.All.First(u => u.Kind == force.StationUnitKind);
        var now = clock.GetUtcNow();
        var number = pack.VehicleRegistrations.Example;
        db.Add(new StolenVehicle
        {
            Id = Guid.CreateVersion7(now), RegistrationNumber = number, RegistrationKey = pack.VehicleRegistrations.Normalise(number)!,
            Make = Make, Model = "Demo Model", Colour = "Silver", Loss = VehicleLoss.Theft, LostPlace = "Demo Market car park (sample data)",
            LostAt = now.AddDays(-1), Status = StolenVehicleStatus.Open, RecordedAt = now, RecordedBy = "demo", UnitCode = station.Code, UnitPath = station.Path,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
