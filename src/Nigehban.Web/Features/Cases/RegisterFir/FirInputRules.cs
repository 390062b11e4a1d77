using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Forces;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.Cases.RegisterFir;

/// <summary>The shape rules of an FIR's offences, place and parties; each refusal names its field.</summary>
internal static class FirInputRules
{
    public const int MaxParties = 50;
    public const int MaxOffences = 20;

    public static List<Offence> Offences(CasesPack pack, IReadOnlyList<string>? codes)
    {
        if (codes is null || codes.Count == 0)
        {
            throw new ValidationFailedException("offences", CasesErrors.Text("Offences.Required"));
        }

        if (codes.Count > MaxOffences)
        {
            throw new ValidationFailedException("offences", CasesErrors.Text("Offences.TooMany", MaxOffences));
        }

        var offences = new List<Offence>();
        for (var i = 0; i < codes.Count; i++)
        {
            var offence = pack.Offence(codes[i]) ?? throw new ValidationFailedException($"offences[{i}]", CasesErrors.Text("Offences.Unknown", codes[i]));
            if (offences.Contains(offence))
            {
                throw new ValidationFailedException($"offences[{i}]", CasesErrors.Text("Offences.Repeated", offence.Code));
            }

            offences.Add(offence);
        }

        return offences;
    }

    public static (string Text, double? Latitude, double? Longitude) Place(FirPlaceInput? place, string? fallbackText, double? fallbackLatitude, double? fallbackLongitude)
    {
        var text = Optional(place?.Text, "place.text", 300) ?? fallbackText
            ?? throw new ValidationFailedException("place.text", ApiErrors.Text("Field.Required", "place.text"));
        var latitude = place?.Latitude ?? (place?.Longitude is null ? fallbackLatitude : null);
        var longitude = place?.Longitude ?? (place?.Latitude is null ? fallbackLongitude : null);
        if (latitude is null != longitude is null)
        {
            throw new ValidationFailedException(latitude is null ? "place.latitude" : "place.longitude", CasesErrors.Text("Place.BothCoordinates"));
        }

        if (latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
        {
            throw new ValidationFailedException("place.latitude", CasesErrors.Text("Place.Latitude"));
        }

        if (longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
        {
            throw new ValidationFailedException("place.longitude", CasesErrors.Text("Place.Longitude"));
        }

        return (text, latitude, longitude);
    }

    public static List<FirParty> Parties(ForcePack force, IReadOnlyList<FirPartyInput>? inputs, FirParty? complainantFromComplaint)
    {
        inputs ??= [];
        if (inputs.Count > MaxParties)
        {
            throw new ValidationFailedException("parties", CasesErrors.Text("Parties.TooMany", MaxParties));
        }

        var parties = new List<FirParty>();
        if (complainantFromComplaint is not null && !inputs.Any(p => string.Equals(p?.Role?.Trim(), "complainant", StringComparison.OrdinalIgnoreCase)))
        {
            parties.Add(complainantFromComplaint);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            parties.Add(Party(force, inputs[i], $"parties[{i}]"));
        }

        var complainants = parties.Count(p => p.Role == PartyRole.Complainant);
        if (complainants != 1)
        {
            throw new ValidationFailedException("parties", CasesErrors.Text(complainants == 0 ? "Parties.NoComplainant" : "Parties.OneComplainant"));
        }

        for (var i = 0; i < parties.Count; i++)
        {
            parties[i].Position = i;
        }

        return parties;
    }

    private static FirParty Party(ForcePack force, FirPartyInput? input, string field)
    {
        if (input is null)
        {
            throw new ValidationFailedException(field, ApiErrors.Text("Field.Required", field));
        }

        if (!Enum.TryParse<PartyRole>(input.Role?.Trim(), ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(input.Role, out _))
        {
            throw new ValidationFailedException($"{field}.role", CasesErrors.Text("Party.Role", input.Role));
        }

        var gender = PartyGender.Unknown;
        if (!string.IsNullOrWhiteSpace(input.Gender)
            && (!Enum.TryParse(input.Gender.Trim(), ignoreCase: true, out gender) || !Enum.IsDefined(gender) || int.TryParse(input.Gender, out _)))
        {
            throw new ValidationFailedException($"{field}.gender", CasesErrors.Text("Party.Gender", input.Gender));
        }

        if (role == PartyRole.Victim && string.IsNullOrWhiteSpace(input.Gender))
        {
            throw new ValidationFailedException($"{field}.gender", CasesErrors.Text("Party.VictimGender"));
        }

        if (input.Age is < 0 or > 130)
        {
            throw new ValidationFailedException($"{field}.age", CasesErrors.Text("Party.Age"));
        }

        var unknown = input.Unknown == true;
        if (unknown && role != PartyRole.Accused)
        {
            throw new ValidationFailedException($"{field}.unknown", CasesErrors.Text("Party.OnlyAccusedUnknown"));
        }

        var name = unknown ? Optional(input.Name, $"{field}.name", 120) : Required(input.Name, $"{field}.name", 120);
        string? nationalId = null;
        if (!string.IsNullOrWhiteSpace(input.NationalId))
        {
            nationalId = force.NationalId.Normalise(input.NationalId)
                ?? throw new ValidationFailedException($"{field}.nationalId", CasesErrors.Text("Party.NationalId", force.NationalId.Name, force.NationalId.Example));
        }

        return new FirParty
        {
            Id = Guid.CreateVersion7(),
            Role = role,
            Name = name,
            IsUnknown = unknown,
            Description = Optional(input.Description, $"{field}.description", 1000),
            Gender = gender,
            Age = input.Age,
            Phone = role == PartyRole.Complainant ? Phone(input.Phone, $"{field}.phone")
                : string.IsNullOrWhiteSpace(input.Phone) ? null : Phone(input.Phone, $"{field}.phone"),
            NationalId = nationalId,
            Address = Optional(input.Address, $"{field}.address", 300),
        };
    }
}
