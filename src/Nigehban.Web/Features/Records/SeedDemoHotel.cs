using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.RegisterGuests;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Storage;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A demo guest house at the first station of the pack, whose key (random per instance, never in the
/// repository) is written to <c>data/demo-hotel.json</c> for the walk in the README; and one stay of
/// the demo wanted person there, so that the station's alert inbox shows an alert from the first start.
/// Runs after <see cref="SeedDemoRecords"/>, which puts that person on record.
/// </summary>
public sealed class SeedDemoHotel(NigehbanDbContext db, UnitDirectory units, ForcePack force, RegisterGuestsHandler guests, StorageOptions storage, TimeProvider clock) : IDemoDataSeed
{
    public const string HotelName = "Demo Guest House";
    public const string KeyFile = "demo-hotel.json";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<Hotel>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var station = units.All.First(u => u.Kind == force.StationUnitKind);
        var now = clock.GetUtcNow();
        var hotel = Hotel.ForPlace(new RegistrarPlace(station, HotelName, "Demo Road (sample data)", null), now, "demo");
        var key = HotelKey.Kind.Issue(hotel, now);
        db.Add(hotel);
        var wanted = SeedDemoRecords.People[0];
        await guests.StageAsync(hotel, new HotelStay
        {
            Id = Guid.CreateVersion7(now), HotelId = hotel.Id, GuestName = wanted.Name, FatherName = wanted.ParentName,
            NationalId = SeedDemoRecords.DemoNationalId(force.NationalId, 0), Room = "7", CheckedInAt = now.AddMinutes(-5), RegisteredAt = now,
            UnitCode = station.Code, UnitPath = station.Path,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        await OwnerOnlyFile.WriteAsync(storage.Resolve(KeyFile),
            JsonSerializer.Serialize(new { hotel = hotel.Id, name = HotelName, unit = station.Code, apiKey = key }), cancellationToken);
    }
}
