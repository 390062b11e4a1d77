using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.Records.RegistrarKeys;

/// <summary>A registrar's place as a station puts it on its books: a station of the jurisdiction, a name, an address, a phone.</summary>
public sealed record RegistrarPlace(UnitInfo Station, string Name, string Address, string? Phone)
{
    /// <summary>
    /// Checks a place: every refusal at once (400 naming the field; a unit that is not a station, too),
    /// then a station outside the officer's jurisdiction is 404 naming <c>unit</c>.
    /// </summary>
    public static RegistrarPlace Validate(string? unit, string? name, string? address, string? phone, UnitDirectory units, ForcePack force, JurisdictionScope scope)
    {
        var errors = new ValidationErrors();
        var station = units.Find(unit?.Trim());
        if (station is null || station.Kind != force.StationUnitKind)
        {
            errors.Add("unit", RecordsErrors.Text("Hotel.UnitNotStation", unit, force.StationUnitKind));
        }

        var checkedName = errors.Check(() => Required(name, "name", 120));
        var checkedAddress = errors.Check(() => Required(address, "address", 300));
        string? checkedPhone = null;
        if (!string.IsNullOrWhiteSpace(phone) && (checkedPhone = NormalisePhone(phone)) is null)
        {
            errors.Add("phone", RecordsErrors.Text("Phone.Invalid"));
        }

        errors.ThrowIfAny();
        return scope.Covers(station!) ? new RegistrarPlace(station!, checkedName!, checkedAddress!, checkedPhone)
            : throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
    }
}
