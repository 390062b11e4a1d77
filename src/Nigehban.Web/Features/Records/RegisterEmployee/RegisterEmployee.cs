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

namespace Nigehban.Web.Features.Records.RegisterEmployee;

/// <param name="Unit">The station of the workplace: the alert, if any, goes there.</param>
/// <param name="Kind"><c>Employee</c> or <c>DomesticServant</c>.</param>
public sealed record RegisterEmployeeCommand(
    string? Unit, string? Kind, string? EmployerName, string? EmployerPhone, string? Address,
    string? EmployeeName, string? EmployeeFatherName, string? EmployeeNationalId, string? EmployeePhone, DateOnly? StartedOn,
    string? VehicleRegistration = null);

/// <summary>The answer, the same whether or not the person is wanted.</summary>
public sealed record RegisteredEmployee(Guid Id, string Unit, DateTimeOffset RegisteredAt, [property: JsonIgnore] bool Replayed = false);

/// <summary>
/// An employee or domestic servant registered with the station of the workplace (ADR-068): by the employer
/// online, at any hour, or by a station's front desk (a station of its jurisdiction, else 404 naming
/// <c>unit</c>). The person's national ID follows the force's rule; matched on arrival as a tenant is,
/// against the wanted and, when a vehicle is named, the stolen vehicles. Honours Idempotency-Key.
/// </summary>
public sealed class RegisterEmployeeHandler(NigehbanDbContext db, UnitDirectory units, ForcePack force, RecordsPack pack, JurisdictionScope scope,
    CurrentUser user, RegistrationMatcher matcher, TimeProvider clock)
{
    public async Task<RegisteredEmployee> HandleAsync(RegisterEmployeeCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        var errors = new ValidationErrors();
        var unit = units.Find(command.Unit?.Trim());
        if (unit is null || unit.Kind != force.StationUnitKind)
        {
            errors.Add("unit", RecordsErrors.Text("Hotel.UnitNotStation", command.Unit, force.StationUnitKind));
        }

        if (!Enum.TryParse<EmploymentKind>(command.Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || char.IsAsciiDigit(command.Kind!.Trim()[0]))
        {
            errors.Add("kind", RecordsErrors.Text("Employee.Kind"));
        }

        var employer = errors.Check(() => Required(command.EmployerName, "employerName", 120));
        var employerPhone = errors.Check(() => Phone(command.EmployerPhone, "employerPhone"));
        var address = errors.Check(() => Required(command.Address, "address", 300));
        var name = errors.Check(() => Required(command.EmployeeName, "employeeName", 120));
        var father = errors.Check(() => Optional(command.EmployeeFatherName, "employeeFatherName", 120));
        var nationalId = force.NationalId.Normalise(command.EmployeeNationalId);
        if (nationalId is null)
        {
            errors.Add("employeeNationalId", RecordsErrors.Text("NationalId.Invalid", force.NationalId.LocalName, force.NationalId.Example));
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(command.EmployeePhone) && (phone = NormalisePhone(command.EmployeePhone)) is null)
        {
            errors.Add("employeePhone", RecordsErrors.Text("Phone.Invalid"));
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, force.TimeZone).DateTime);
        // Registered before the first day at work, or after years of it; not a date no one could mean.
        if (command.StartedOn is not { } startedOn || startedOn > today.AddDays(90) || startedOn < today.AddYears(-60))
        {
            errors.Add("startedOn", RecordsErrors.Text("Employee.StartedOn"));
        }

        string? vehicle = null;
        if (!string.IsNullOrWhiteSpace(command.VehicleRegistration) && (vehicle = pack.VehicleRegistrations.Normalise(command.VehicleRegistration)) is null)
        {
            errors.Add("vehicleRegistration", VehicleErrors.Text("Vehicle.Registration", pack.VehicleRegistrations.Example));
        }

        errors.ThrowIfAny();
        var desk = user.IsAuthenticated && user.UnitPath is not null;
        if (desk && !scope.Covers(unit!))
        {
            throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        var registration = new EmployeeRegistration
        {
            Id = Guid.CreateVersion7(now), Kind = kind, EmployerName = employer!, EmployerPhone = employerPhone!, Address = address!, EmployeeName = name!,
            EmployeeFatherName = father, EmployeeNationalId = nationalId!, EmployeePhone = phone, StartedOn = command.StartedOn!.Value,
            VehicleRegistration = vehicle, RegisteredAt = now, Channel = desk ? EmployeeChannel.Desk : EmployeeChannel.Employer,
            RegisteredBy = desk ? user.UserName ?? "desk" : "employer (online)", UnitCode = unit!.Code, UnitPath = unit.Path, IdempotencyKey = idempotencyKey,
        };
        registration.IdempotencyRequestHash = idempotencyKey is null ? null : IdempotentRequest.Hash(
            unit.Code, kind.ToString(), employer, employerPhone, address, name, father, nationalId, phone,
            registration.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), vehicle, registration.Channel.ToString());
        db.Add(registration);
        var place = Cut($"{address} ({employer})", 200);
        var person = new RegisteredPersonDetails(name!, father, nationalId);
        var registrationKind = kind == EmploymentKind.DomesticServant ? RegistrationKind.DomesticServant : RegistrationKind.Employee;
        await matcher.RaiseAlertsAsync(db, registrationKind, registration.Id, place, person, vehicle, unit.Code, unit.Path, cancellationToken);
        return await db.SaveOrFindFirstAsync<EmployeeRegistration, RegisteredEmployee>(idempotencyKey, FindFirstAsync, cancellationToken, nameof(EmployeeRegistration.IdempotencyKey))
            ?? new RegisteredEmployee(registration.Id, unit.Code, now);

        async Task<RegisteredEmployee?> FindFirstAsync()
        {
            var first = await db.Set<EmployeeRegistration>()
                .IgnoreQueryFilters() // the key is the client's own secret; it finds only what that client created
                .AsNoTracking().FirstOrDefaultAsync(t => t.IdempotencyKey == idempotencyKey, cancellationToken);
            return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, registration.IdempotencyRequestHash,
                () => new RegisteredEmployee(first.Id, first.UnitCode, first.RegisteredAt, Replayed: true));
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
