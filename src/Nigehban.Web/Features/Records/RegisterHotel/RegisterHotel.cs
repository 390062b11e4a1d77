using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.HotelKeys;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.RegisterHotel;

/// <param name="Unit">The station of the hotel's place: its guests' alerts go there.</param>
public sealed record RegisterHotelCommand(string? Unit, string? Name, string? Address, string? Phone);

/// <summary>A hotel as the station sees it; <see cref="ApiKey"/> only in the answer that issued it, never again.</summary>
public sealed record HotelView(Guid Id, string Name, string Address, string? Phone, string Unit, string KeyHint, DateTimeOffset RegisteredAt, string? ApiKey = null);

/// <summary>
/// A station registers a hotel or guest house of its place (front desk, SHO: a station of their
/// jurisdiction, else 404 naming <c>unit</c>) and hands it a key, shown once; a new key retires the old
/// one at once (a key leaked or a hotel's staff changed). Lists and reads stay within jurisdiction.
/// </summary>
public sealed class RegisterHotelHandler(NigehbanDbContext db, UnitDirectory units, ForcePack force, JurisdictionScope scope, CurrentUser user, TimeProvider clock)
{
    public async Task<HotelView> RegisterAsync(RegisterHotelCommand command, CancellationToken cancellationToken)
    {
        var place = RegistrarPlace.Validate(command.Unit, command.Name, command.Address, command.Phone, units, force, scope);
        var now = clock.GetUtcNow();
        var hotel = new Hotel
        {
            Id = Guid.CreateVersion7(now), Name = place.Name, Address = place.Address, Phone = place.Phone, UnitCode = place.Station.Code,
            UnitPath = place.Station.Path, KeyHash = "", KeyHint = "", RegisteredAt = now, RegisteredBy = user.UserName ?? "system",
        };
        var key = HotelKey.Kind.Issue(hotel, now);
        db.Add(hotel);
        await db.SaveChangesAsync(cancellationToken);
        return View(hotel) with { ApiKey = key };
    }

    /// <summary>A new key for a hotel of the jurisdiction; the old key stops working with this save.</summary>
    public async Task<HotelView> IssueKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var hotel = await db.Set<Hotel>().FirstOrDefaultAsync(h => h.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", RecordsErrors.Text("Hotel.NotFound"));
        var key = HotelKey.Kind.Issue(hotel, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return View(hotel) with { ApiKey = key };
    }

    public async Task<PagedList<HotelView>> ListAsync(string? unit, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var hotels = db.Set<Hotel>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var info = units.Find(unit.Trim()) ?? throw new ValidationFailedException("unit", ApiErrors.Text("Unit.Unknown", unit));
            scope.LimitTo(info.Path);
            hotels = hotels.Where(h => h.UnitPath.StartsWith(info.Path));
        }

        return await PagedList<HotelView>.CreateAsync(hotels.OrderBy(h => h.Name).ThenBy(h => h.Id),
            h => new HotelView(h.Id, h.Name, h.Address, h.Phone, h.UnitCode, h.KeyHint, h.RegisteredAt, null),
            page ?? 1, pageSize ?? PagedList<HotelView>.DefaultPageSize, cancellationToken);
    }

    public async Task<HotelView> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        View(await db.Set<Hotel>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", RecordsErrors.Text("Hotel.NotFound")));

    private static HotelView View(Hotel h) => new(h.Id, h.Name, h.Address, h.Phone, h.UnitCode, h.KeyHint, h.RegisteredAt);
}
