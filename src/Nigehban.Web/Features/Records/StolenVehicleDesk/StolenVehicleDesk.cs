using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.Records.StolenVehicleDesk;

/// <param name="Unit">The recording station; left out, the officer's own station.</param>
/// <param name="Loss"><c>Theft</c> or <c>Snatching</c>.</param>
/// <param name="FirReference">The FIR registered for the loss, if there is one yet, as written.</param>
public sealed record RecordStolenVehicleCommand(
    string? Unit, string? RegistrationNumber, string? ChassisNumber, string? EngineNumber, string? Make, string? Model, string? Colour,
    string? Loss, string? LostPlace, DateTimeOffset? LostAt, string? FirReference);

public sealed record RecoverVehicleCommand(string? Place, DateTimeOffset? RecoveredAt);

public sealed record HandOverVehicleCommand(string? To, DateTimeOffset? HandedOverAt);

/// <summary>A stolen vehicle as the desk reads it.</summary>
public sealed record StolenVehicleView(
    Guid Id, string RegistrationNumber, string RegistrationKey, string? ChassisNumber, string? EngineNumber, string Make, string? Model, string? Colour,
    VehicleLoss Loss, string LostPlace, DateTimeOffset LostAt, string? FirReference, StolenVehicleStatus Status, string Unit,
    DateTimeOffset RecordedAt, string RecordedBy, string? RecoveredPlace, DateTimeOffset? RecoveredAt, string? HandedOverTo, DateTimeOffset? HandedOverAt);

/// <summary>
/// The stolen-vehicle desk (issue 19; ADR-067): a station records a vehicle stolen or snatched, then
/// recovered, then handed over to its owner; the status only moves forward (another move: 409). The
/// vehicles of one's jurisdiction are listed and searched by registration number, compared in the
/// pack's form; outside the jurisdiction a vehicle does not exist (404).
/// </summary>
public sealed class StolenVehicleDeskHandler(NigehbanDbContext db, UnitDirectory units, ForcePack force, RecordsPack pack, JurisdictionScope scope,
    CurrentUser user, TimeProvider clock)
{
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<StolenVehicleView> RecordAsync(RecordStolenVehicleCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var unit = units.Find(string.IsNullOrWhiteSpace(command.Unit) ? user.UnitCode : command.Unit.Trim());
        if (unit is null || unit.Kind != force.StationUnitKind)
        {
            errors.Add("unit", RecordsErrors.Text("Hotel.UnitNotStation", command.Unit ?? user.UnitCode, force.StationUnitKind));
        }

        var written = errors.Check(() => Required(command.RegistrationNumber, "registrationNumber", 30));
        var key = written is null ? null : RegistrationKeyOf(written, "registrationNumber", errors);
        var chassis = errors.Check(() => Optional(command.ChassisNumber, "chassisNumber", 40));
        var engine = errors.Check(() => Optional(command.EngineNumber, "engineNumber", 40));
        var make = errors.Check(() => Required(command.Make, "make", 60));
        var model = errors.Check(() => Optional(command.Model, "model", 60));
        var colour = errors.Check(() => Optional(command.Colour, "colour", 40));
        if (!Enum.TryParse<VehicleLoss>(command.Loss?.Trim(), ignoreCase: true, out var loss) || !Enum.IsDefined(loss) || char.IsAsciiDigit(command.Loss!.Trim()[0]))
        {
            errors.Add("loss", VehicleErrors.Text("Vehicle.Loss"));
        }

        var place = errors.Check(() => Required(command.LostPlace, "lostPlace", 200));
        var now = clock.GetUtcNow();
        var lostAt = WhenOf(command.LostAt, "lostAt", now, errors);
        var fir = errors.Check(() => Optional(command.FirReference, "firReference", 40));
        errors.ThrowIfAny();
        if (!scope.Covers(unit!))
        {
            throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        var vehicle = new StolenVehicle
        {
            Id = Guid.CreateVersion7(now), RegistrationNumber = written!, RegistrationKey = key!, ChassisNumber = chassis, EngineNumber = engine,
            Make = make!, Model = model, Colour = colour, Loss = loss, LostPlace = place!, LostAt = lostAt!.Value, FirReference = fir,
            Status = StolenVehicleStatus.Open, RecordedAt = now, RecordedBy = user.UserName ?? "unknown", UnitCode = unit!.Code, UnitPath = unit.Path,
        };
        db.Add(vehicle);
        await db.SaveChangesAsync(cancellationToken);
        return View(vehicle);
    }

    public async Task<StolenVehicleView> RecoverAsync(Guid id, RecoverVehicleCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var place = errors.Check(() => Required(command.Place, "place", 200));
        var at = WhenOf(command.RecoveredAt, "recoveredAt", clock.GetUtcNow(), errors);
        errors.ThrowIfAny();
        var vehicle = await FindAsync(id, cancellationToken);
        vehicle.Recover(place!, at!.Value, user.UserName ?? "unknown");
        return await SaveMoveAsync(vehicle, cancellationToken);
    }

    public async Task<StolenVehicleView> HandOverAsync(Guid id, HandOverVehicleCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var to = errors.Check(() => Required(command.To, "to", 120));
        var at = WhenOf(command.HandedOverAt, "handedOverAt", clock.GetUtcNow(), errors);
        errors.ThrowIfAny();
        var vehicle = await FindAsync(id, cancellationToken);
        vehicle.HandOver(to!, at!.Value, user.UserName ?? "unknown");
        return await SaveMoveAsync(vehicle, cancellationToken);
    }

    public async Task<StolenVehicleView> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        View(await FindAsync(id, cancellationToken));

    /// <summary>
    /// The vehicles of the jurisdiction, the latest recorded first; <paramref name="status"/> keeps one status,
    /// <paramref name="registration"/> one number however it is written, <paramref name="unit"/> one unit's subtree.
    /// </summary>
    public async Task<PagedList<StolenVehicleView>> ListAsync(string? status, string? registration, string? unit, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var vehicles = db.Set<StolenVehicle>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<StolenVehicleStatus>(status.Trim(), ignoreCase: true, out var wanted) || char.IsAsciiDigit(status.Trim()[0]))
            {
                throw new ValidationFailedException("status", VehicleErrors.Text("Vehicle.Status"));
            }

            vehicles = vehicles.Where(v => v.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(registration))
        {
            var errors = new ValidationErrors();
            var key = RegistrationKeyOf(registration, "registration", errors);
            errors.ThrowIfAny();
            vehicles = vehicles.Where(v => v.RegistrationKey == key);
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            var info = units.Find(unit.Trim()) ?? throw new ValidationFailedException("unit", ApiErrors.Text("Unit.Unknown", unit));
            scope.LimitTo(info.Path);
            vehicles = vehicles.Where(v => v.UnitPath.StartsWith(info.Path));
        }

        return await PagedList<StolenVehicleView>.CreateAsync(vehicles.OrderByDescending(v => v.RecordedAt).ThenBy(v => v.Id), v => new StolenVehicleView(
                v.Id, v.RegistrationNumber, v.RegistrationKey, v.ChassisNumber, v.EngineNumber, v.Make, v.Model, v.Colour, v.Loss, v.LostPlace, v.LostAt,
                v.FirReference, v.Status, v.UnitCode, v.RecordedAt, v.RecordedBy, v.RecoveredPlace, v.RecoveredAt, v.HandedOverTo, v.HandedOverAt),
            page ?? 1, pageSize ?? PagedList<StolenVehicleView>.DefaultPageSize, cancellationToken);
    }

    /// <summary>The number in the pack's compared form, or a refusal naming <paramref name="field"/> with the pack's example.</summary>
    public string? RegistrationKeyOf(string written, string field, ValidationErrors errors)
    {
        var key = pack.VehicleRegistrations.Normalise(written);
        if (key is null)
        {
            errors.Add(field, VehicleErrors.Text("Vehicle.Registration", pack.VehicleRegistrations.Example));
        }

        return key;
    }

    private static DateTimeOffset? WhenOf(DateTimeOffset? at, string field, DateTimeOffset now, ValidationErrors errors)
    {
        if (at is null)
        {
            errors.Add(field, ApiErrors.Text("Field.Required", field));
        }
        else if (at > now + ClockTolerance)
        {
            errors.Add(field, RecordsErrors.Text("Stay.InFuture"));
        }

        return at;
    }

    private async Task<StolenVehicle> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<StolenVehicle>().FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
        ?? throw new NotFoundException("id", VehicleErrors.Text("Vehicle.NotFound"));

    private async Task<StolenVehicleView> SaveMoveAsync(StolenVehicle vehicle, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another officer moved it first: say where it stands now.
            db.ChangeTracker.Clear();
            var now = await db.Set<StolenVehicle>().AsNoTracking().Where(v => v.Id == vehicle.Id).Select(v => v.Status).FirstAsync(cancellationToken);
            throw new RuleViolationException(VehicleErrors.Text("Vehicle.MovedMeanwhile", now));
        }

        return View(vehicle);
    }

    private static StolenVehicleView View(StolenVehicle v) => new(
        v.Id, v.RegistrationNumber, v.RegistrationKey, v.ChassisNumber, v.EngineNumber, v.Make, v.Model, v.Colour, v.Loss, v.LostPlace, v.LostAt,
        v.FirReference, v.Status, v.UnitCode, v.RecordedAt, v.RecordedBy, v.RecoveredPlace, v.RecoveredAt, v.HandedOverTo, v.HandedOverAt);
}
