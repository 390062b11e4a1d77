using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.HotelKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

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
        var errors = new ValidationErrors();
        var unit = units.Find(command.Unit?.Trim());
        if (unit is null || unit.Kind != force.StationUnitKind)
        {
            errors.Add("unit", RecordsErrors.Text("Hotel.UnitNotStation", command.Unit, force.StationUnitKind));
        }

        var name = errors.Check(() => Required(command.Name, "name", 120));
        var address = errors.Check(() => Required(command.Address, "address", 300));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(command.Phone) && (phone = NormalisePhone(command.Phone)) is null)
        {
            errors.Add("phone", RecordsErrors.Text("Phone.Invalid"));
        }

        errors.ThrowIfAny();
        if (!scope.Covers(unit!))
        {
            throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        var key = HotelKey.NewKey();
        var now = clock.GetUtcNow();
        var hotel = new Hotel
        {
            Id = Guid.CreateVersion7(now), Name = name!, Address = address!, Phone = phone, UnitCode = unit!.Code, UnitPath = unit.Path,
            KeyHash = HotelKey.HashOf(key), KeyHint = HotelKey.HintOf(key), RegisteredAt = now, KeyIssuedAt = now,
            RegisteredBy = user.UserName ?? "system",
        };
        db.Add(hotel);
        await db.SaveChangesAsync(cancellationToken);
        return View(hotel) with { ApiKey = key };
    }

    /// <summary>A new key for a hotel of the jurisdiction; the old key stops working with this save.</summary>
    public async Task<HotelView> IssueKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var hotel = await db.Set<Hotel>().FirstOrDefaultAsync(h => h.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", RecordsErrors.Text("Hotel.NotFound"));
        var key = HotelKey.NewKey();
        hotel.KeyHash = HotelKey.HashOf(key);
        hotel.KeyHint = HotelKey.HintOf(key);
        hotel.KeyIssuedAt = clock.GetUtcNow();
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
