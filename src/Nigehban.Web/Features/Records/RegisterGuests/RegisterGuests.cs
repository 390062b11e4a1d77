using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.MatchRegistrations;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.RegisterGuests;

/// <summary>A guest at check-in: a national ID (the force's), or a passport for a foreign guest; the guest's vehicle, if any.</summary>
public sealed record CheckInCommand(
    string? GuestName, string? FatherName, string? NationalId, string? Passport, string? Nationality, string? Phone, string? Room,
    DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt = null, string? VehicleRegistration = null);

public sealed record CheckOutCommand(Guid? Stay, DateTimeOffset? CheckedOutAt);

/// <summary>A stay as the hotel sees it: what it registered, and nothing the police know about the guest.</summary>
public sealed record GuestStayView(Guid Id, string GuestName, string? Room, DateTimeOffset CheckedInAt, DateTimeOffset? CheckedOutAt, [property: JsonIgnore] bool Replayed = false);

/// <summary>
/// A hotel registers its guests (signed in by its key; ADR-063): check-in, matched on arrival against
/// the wanted list (an alert at the hotel's station when it matches; the answer is the same either
/// way), check-out, and its own guest list. A hotel reaches only its own stays: another hotel's stay
/// does not exist for it (404). A replayed Idempotency-Key answers the first check-in.
/// </summary>
public sealed class RegisterGuestsHandler(NigehbanDbContext db, CurrentUser user, ForcePack force, RecordsPack pack, RegistrationMatcher matcher, TimeProvider clock)
{
    /// <summary>A hotel's clock may run a little ahead of ours.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<GuestStayView> CheckInAsync(CheckInCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        return await CheckInAsync(await CurrentHotelAsync(cancellationToken), command, idempotencyKey, cancellationToken);
    }

    /// <summary>A check-in for <paramref name="hotel"/>, signed in by its key (the API) or holding it (the hotel's page).</summary>
    public async Task<GuestStayView> CheckInAsync(Hotel hotel, CheckInCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stay = Validate(command, hotel, now, "");
        stay.IdempotencyKey = idempotencyKey;
        stay.IdempotencyRequestHash = idempotencyKey is null ? null : RequestHash(stay, command.CheckedInAt);
        await StageAsync(hotel, stay, cancellationToken);
        return await db.SaveOrFindFirstAsync<HotelStay, GuestStayView>(idempotencyKey,
                () => FindFirstAsync(hotel.Id, idempotencyKey!, stay.IdempotencyRequestHash, cancellationToken),
                cancellationToken, nameof(HotelStay.HotelId), nameof(HotelStay.IdempotencyKey))
            ?? View(stay);
    }

    public async Task<GuestStayView> CheckOutAsync(CheckOutCommand command, CancellationToken cancellationToken)
    {
        var hotel = await CurrentHotelAsync(cancellationToken);
        if (command.Stay is not { } id)
        {
            throw new ValidationFailedException("stay", ApiErrors.Text("Field.Required", "stay"));
        }

        var stay = await Stays(hotel.Id).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("stay", RecordsErrors.Text("Stay.NotFound"));
        if (stay.CheckedOutAt is not null)
        {
            throw new RuleViolationException(RecordsErrors.Text("Stay.AlreadyCheckedOut"));
        }

        var now = clock.GetUtcNow();
        var outAt = command.CheckedOutAt ?? now;
        if (outAt > now + ClockTolerance)
        {
            throw new ValidationFailedException("checkedOutAt", RecordsErrors.Text("Stay.InFuture"));
        }

        if (outAt < stay.CheckedInAt)
        {
            throw new ValidationFailedException("checkedOutAt", RecordsErrors.Text("Stay.OutBeforeIn"));
        }

        stay.CheckedOutAt = outAt;
        await db.SaveChangesAsync(cancellationToken);
        return View(stay);
    }

    /// <summary>The hotel's own guests, newest first; <paramref name="inHouse"/> keeps those not checked out.</summary>
    public async Task<PagedList<GuestStayView>> ListAsync(bool? inHouse, int? page, int? pageSize, CancellationToken cancellationToken) =>
        await ListAsync(await CurrentHotelAsync(cancellationToken), inHouse, page, pageSize, cancellationToken);

    public async Task<PagedList<GuestStayView>> ListAsync(Hotel hotel, bool? inHouse, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var stays = Stays(hotel.Id).AsNoTracking();
        if (inHouse == true)
        {
            stays = stays.Where(s => s.CheckedOutAt == null);
        }

        return await PagedList<GuestStayView>.CreateAsync(stays.OrderByDescending(s => s.CheckedInAt).ThenBy(s => s.Id),
            s => new GuestStayView(s.Id, s.GuestName, s.Room, s.CheckedInAt, s.CheckedOutAt, false),
            page ?? 1, pageSize ?? PagedList<GuestStayView>.DefaultPageSize, cancellationToken);
    }

    /// <summary>The signed-in hotel; anyone else (a staff session on a hotel's route) is refused.</summary>
    public async Task<Hotel> CurrentHotelAsync(CancellationToken cancellationToken) =>
        await db.Set<Hotel>().SignedInAsync(HotelKey.Kind, user, cancellationToken)
        ?? throw new ForbiddenException(RecordsErrors.Text("Hotel.KeyRequired"));

    /// <summary>The hotel a key belongs to, for the hotel's page (which has no sign-in of its own); a key of no hotel: 400 naming <c>key</c>.</summary>
    public async Task<Hotel> HotelByKeyAsync(string? key, CancellationToken cancellationToken) =>
        await db.Set<Hotel>().ByKeyAsync(HotelKey.Kind, key, cancellationToken)
        ?? throw new ValidationFailedException("key", RecordsErrors.Text("Hotel.UnknownKey"));

    /// <summary>Checks one guest: every refusal at once (a ValidationFailedException), fields named <paramref name="prefix"/> + field.</summary>
    public HotelStay Validate(CheckInCommand command, Hotel hotel, DateTimeOffset now, string prefix)
    {
        var errors = new ValidationErrors();
        var name = errors.Check(() => TextFields.Required(command.GuestName, prefix + "guestName", 120));
        var father = errors.Check(() => TextFields.Optional(command.FatherName, prefix + "fatherName", 120));
        string? nationalId = null;
        if (!string.IsNullOrWhiteSpace(command.NationalId) && (nationalId = force.NationalId.Normalise(command.NationalId)) is null)
        {
            errors.Add(prefix + "nationalId", RecordsErrors.Text("NationalId.Invalid", force.NationalId.LocalName, force.NationalId.Example));
        }

        var passport = errors.Check(() => TextFields.Optional(command.Passport, prefix + "passport", 20));
        if (string.IsNullOrWhiteSpace(command.NationalId) && passport is null)
        {
            errors.Add(prefix + "nationalId", RecordsErrors.Text("Stay.IdRequired", force.NationalId.LocalName));
        }

        var nationality = errors.Check(() => TextFields.Optional(command.Nationality, prefix + "nationality", 60));
        var room = errors.Check(() => TextFields.Optional(command.Room, prefix + "room", 20));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(command.Phone) && (phone = TextFields.NormalisePhone(command.Phone)) is null)
        {
            errors.Add(prefix + "phone", RecordsErrors.Text("Phone.Invalid"));
        }

        string? vehicle = null;
        if (!string.IsNullOrWhiteSpace(command.VehicleRegistration) && (vehicle = pack.VehicleRegistrations.Normalise(command.VehicleRegistration)) is null)
        {
            errors.Add(prefix + "vehicleRegistration", VehicleErrors.Text("Vehicle.Registration", pack.VehicleRegistrations.Example));
        }

        var inAt = command.CheckedInAt ?? now;
        if (inAt > now + ClockTolerance)
        {
            errors.Add(prefix + "checkedInAt", RecordsErrors.Text("Stay.InFuture"));
        }

        if (command.CheckedOutAt is { } outAt && (outAt < inAt || outAt > now + ClockTolerance))
        {
            errors.Add(prefix + "checkedOutAt", RecordsErrors.Text(outAt < inAt ? "Stay.OutBeforeIn" : "Stay.InFuture"));
        }

        errors.ThrowIfAny();
        return new HotelStay
        {
            Id = Guid.CreateVersion7(now), HotelId = hotel.Id, GuestName = name!, FatherName = father, NationalId = nationalId, Passport = passport,
            Nationality = nationality, Phone = phone, Room = room, VehicleRegistration = vehicle, CheckedInAt = inAt, CheckedOutAt = command.CheckedOutAt,
            RegisteredAt = now, UnitCode = hotel.UnitCode, UnitPath = hotel.UnitPath,
        };
    }

    /// <summary>Adds the stay and, if the guest is wanted, its alert, to the caller's save.</summary>
    public async Task StageAsync(Hotel hotel, HotelStay stay, CancellationToken cancellationToken)
    {
        db.Add(stay);
        var place = stay.Room is null ? hotel.Name : $"{hotel.Name}, {stay.Room}";
        var guest = new RegisteredPersonDetails(stay.GuestName, stay.FatherName, stay.NationalId);
        await matcher.RaiseAlertsAsync(db, RegistrationKind.HotelStay, stay.Id, place, guest, stay.VehicleRegistration, hotel.UnitCode, hotel.UnitPath, cancellationToken);
    }

    // The hotel's own stays: the key is its secret, and the filter would show a hotel (which has no unit) nothing.
    private IQueryable<HotelStay> Stays(Guid hotelId) => db.Set<HotelStay>().IgnoreQueryFilters().Where(s => s.HotelId == hotelId);

    private async Task<GuestStayView?> FindFirstAsync(Guid hotelId, string key, string? requestHash, CancellationToken cancellationToken)
    {
        var first = await Stays(hotelId).AsNoTracking().FirstOrDefaultAsync(s => s.IdempotencyKey == key, cancellationToken);
        return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, requestHash, () => View(first) with { CheckedOutAt = null, Replayed = true });
    }

    /// <summary>
    /// The request as the hotel sent it: a check-in time it left out is hashed as absent, not as the
    /// "now" it defaults to, or a repeat of the same request a moment later would count as a different one.
    /// </summary>
    internal static string RequestHash(HotelStay s, DateTimeOffset? sentCheckIn) => IdempotentRequest.Hash([
        s.GuestName, s.FatherName, s.NationalId, s.Passport, s.Nationality, s.Phone, s.Room,
        sentCheckIn?.UtcTicks.ToString(CultureInfo.InvariantCulture), s.CheckedOutAt?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        // Only when named, so a request without a vehicle hashes as it did before vehicles were asked for.
        .. s.VehicleRegistration is null ? Array.Empty<string?>() : [s.VehicleRegistration]]);

    private static GuestStayView View(HotelStay s) => new(s.Id, s.GuestName, s.Room, s.CheckedInAt, s.CheckedOutAt);
}
