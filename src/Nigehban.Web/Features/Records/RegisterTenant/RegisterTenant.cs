using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.MatchRegistrations;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.Records.RegisterTenant;

/// <param name="Unit">The station of the let property: the tenant's alert, if any, goes there.</param>
public sealed record RegisterTenantCommand(
    string? Unit, string? PropertyAddress, string? LandlordName, string? LandlordPhone,
    string? TenantName, string? TenantFatherName, string? TenantNationalId, string? TenantPhone, DateTimeOffset? MovedInAt,
    string? VehicleRegistration = null);

/// <summary>The answer, the same whether or not the tenant is wanted.</summary>
public sealed record RegisteredTenant(Guid Id, string Unit, DateTimeOffset RegisteredAt, bool RegisteredLate, [property: JsonIgnore] bool Replayed = false);

/// <summary>
/// A tenant registered with the station of the let property (ADR-065): by the landlord online, at any
/// hour, or by a station's front desk (a station of its jurisdiction, else 404 naming <c>unit</c>).
/// Matched on arrival as a hotel guest is; registered later than the pack's time from moving in, it
/// is marked late. Honours Idempotency-Key.
/// </summary>
public sealed class RegisterTenantHandler(NigehbanDbContext db, UnitDirectory units, ForcePack force, RecordsPack pack, JurisdictionScope scope,
    CurrentUser user, RegistrationMatcher matcher, TimeProvider clock)
{
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<RegisteredTenant> HandleAsync(RegisterTenantCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        var errors = new ValidationErrors();
        var unit = units.Find(command.Unit?.Trim());
        if (unit is null || unit.Kind != force.StationUnitKind)
        {
            errors.Add("unit", RecordsErrors.Text("Hotel.UnitNotStation", command.Unit, force.StationUnitKind));
        }

        var address = errors.Check(() => Required(command.PropertyAddress, "propertyAddress", 300));
        var landlord = errors.Check(() => Required(command.LandlordName, "landlordName", 120));
        var landlordPhone = errors.Check(() => Phone(command.LandlordPhone, "landlordPhone"));
        var tenant = errors.Check(() => Required(command.TenantName, "tenantName", 120));
        var father = errors.Check(() => Optional(command.TenantFatherName, "tenantFatherName", 120));
        var nationalId = force.NationalId.Normalise(command.TenantNationalId);
        if (nationalId is null)
        {
            errors.Add("tenantNationalId", RecordsErrors.Text("NationalId.Invalid", force.NationalId.LocalName, force.NationalId.Example));
        }

        string? tenantPhone = null;
        if (!string.IsNullOrWhiteSpace(command.TenantPhone) && (tenantPhone = NormalisePhone(command.TenantPhone)) is null)
        {
            errors.Add("tenantPhone", RecordsErrors.Text("Phone.Invalid"));
        }

        string? vehicle = null;
        if (!string.IsNullOrWhiteSpace(command.VehicleRegistration) && (vehicle = pack.VehicleRegistrations.Normalise(command.VehicleRegistration)) is null)
        {
            errors.Add("vehicleRegistration", VehicleErrors.Text("Vehicle.Registration", pack.VehicleRegistrations.Example));
        }

        var now = clock.GetUtcNow();
        var movedIn = command.MovedInAt ?? now;
        if (movedIn > now + ClockTolerance)
        {
            errors.Add("movedInAt", RecordsErrors.Text("Stay.InFuture"));
        }

        errors.ThrowIfAny();
        var desk = user.IsAuthenticated && user.UnitPath is not null;
        if (desk && !scope.Covers(unit!))
        {
            throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        var registration = new TenantRegistration
        {
            Id = Guid.CreateVersion7(now), PropertyAddress = address!, LandlordName = landlord!, LandlordPhone = landlordPhone!, TenantName = tenant!,
            TenantFatherName = father, TenantNationalId = nationalId!, TenantPhone = tenantPhone, VehicleRegistration = vehicle, MovedInAt = movedIn, RegisteredAt = now,
            RegisteredLate = now - movedIn > pack.TenantRegisterWithin, Channel = desk ? TenantChannel.Desk : TenantChannel.Landlord,
            RegisteredBy = desk ? user.UserName ?? "desk" : "landlord (online)", UnitCode = unit!.Code, UnitPath = unit.Path, IdempotencyKey = idempotencyKey,
        };
        registration.IdempotencyRequestHash = idempotencyKey is null ? null : IdempotentRequest.Hash([
            unit.Code, address, landlord, landlordPhone, tenant, father, nationalId, tenantPhone,
            // As sent: a moving-in time left out defaults to now, which a repeat a moment later would not match.
            command.MovedInAt?.UtcTicks.ToString(CultureInfo.InvariantCulture), registration.Channel.ToString(),
            .. vehicle is null ? Array.Empty<string?>() : [vehicle]]);
        db.Add(registration);
        var place = Cut($"{address} ({landlord})", 200);
        var person = new RegisteredPersonDetails(tenant!, father, nationalId);
        await matcher.RaiseAlertsAsync(db, RegistrationKind.Tenant, registration.Id, place, person, vehicle, unit.Code, unit.Path, cancellationToken);
        return await db.SaveOrFindFirstAsync<TenantRegistration, RegisteredTenant>(idempotencyKey, FindFirstAsync, cancellationToken, nameof(TenantRegistration.IdempotencyKey))
            ?? new RegisteredTenant(registration.Id, unit.Code, now, registration.RegisteredLate);

        async Task<RegisteredTenant?> FindFirstAsync()
        {
            var first = await db.Set<TenantRegistration>()
                .IgnoreQueryFilters() // the key is the client's own secret; it finds only what that client created
                .AsNoTracking().FirstOrDefaultAsync(t => t.IdempotencyKey == idempotencyKey, cancellationToken);
            return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, registration.IdempotencyRequestHash,
                () => new RegisteredTenant(first.Id, first.UnitCode, first.RegisteredAt, first.RegisteredLate, Replayed: true));
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
