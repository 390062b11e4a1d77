using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases;

/// <summary>Where an FIR stands. Registration is the first stage; investigation stages come with the case work (issue 17, part 2).</summary>
public enum FirStatus
{
    Registered,
}

public enum PartyRole
{
    Complainant,
    Accused,
    Witness,
    Victim,
}

public enum PartyGender
{
    Female,
    Male,
    Other,
    Unknown,
}

/// <summary>
/// A First Information Report: the station's record of a cognizable offence, numbered per station
/// and year (<see cref="FirNumber"/>, gapless), with its offences and parties. Stored whole or not
/// at all: the FIR, its offences and parties go in one save.
/// </summary>
public sealed class Fir : IUnitOwned
{
    public Guid Id { get; set; }

    /// <summary>The citizen's one reference: the complaint's when the FIR came from one, otherwise its own.</summary>
    public required string Reference { get; set; }

    /// <summary>The front-desk complaint it was registered from, if any (the same value as <see cref="Reference"/> then).</summary>
    public string? ComplaintReference { get; set; }

    /// <summary>The station's running number in <see cref="Year"/>: 1, 2, 3, … with no gaps.</summary>
    public int Number { get; set; }

    /// <summary>The year of registration in the force's time zone.</summary>
    public int Year { get; set; }

    /// <summary>As written on the FIR: <c>123/2026</c>.</summary>
    public string FirNumber => $"{Number}/{Year}";

    /// <summary>The registering station.</summary>
    public required string UnitCode { get; set; }

    public required string UnitPath { get; set; }

    /// <summary>The head the dashboard counts it under: the most serious among its offences' (pack order).</summary>
    public required string CrimeHead { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
    public required string Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public required string Narrative { get; set; }

    /// <summary>The complainant's language (one of the pack's): their SMS and copy are written in it.</summary>
    public required string Language { get; set; }

    public FirStatus Status { get; set; } = FirStatus.Registered;
    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }

    public required string InvestigatingOfficerUserName { get; set; }
    public required string InvestigatingOfficerName { get; set; }

    public string? IdempotencyKey { get; set; }
    public string? IdempotencyRequestHash { get; set; }

    /// <summary>The public verification code printed (with <see cref="CopySignature"/>) in the QR code of the FIR copy.</summary>
    public required string CopyCode { get; set; }

    /// <summary>ECDSA signature over <see cref="CopySignedFields"/>: what the copy states, as registered.</summary>
    public required string CopySignature { get; set; }

    public List<FirOffence> Offences { get; set; } = [];
    public List<FirParty> Parties { get; set; } = [];

    public FirParty Complainant => Parties.First(p => p.Role == PartyRole.Complainant);

    /// <summary>The fields the copy's signature covers, in a fixed order; <see cref="RegisteredAt"/> as the database keeps it.</summary>
    public IEnumerable<string> CopySignedFields() =>
    [
        CopyCode, Reference, UnitCode, FirNumber, RegisteredAt.ToMicroseconds().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Complainant.Name ?? string.Empty, string.Join(", ", Offences.OrderBy(o => o.Position).Select(o => o.Code)), CrimeHead,
    ];
}

/// <summary>One offence (section) of an FIR, with the head it had when registered.</summary>
public sealed class FirOffence
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public int Position { get; set; }
    public required string Code { get; set; }
    public required string CrimeHead { get; set; }
}

/// <summary>A person in an FIR as the report names them: not a verified identity. An unknown accused has no name, only a description.</summary>
public sealed class FirParty
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public int Position { get; set; }
    public PartyRole Role { get; set; }
    public string? Name { get; set; }
    public bool IsUnknown { get; set; }
    public string? Description { get; set; }
    public PartyGender Gender { get; set; } = PartyGender.Unknown;
    public int? Age { get; set; }
    public string? Phone { get; set; }
    public string? NationalId { get; set; }
    public string? Address { get; set; }
}

/// <summary>The next FIR number of one station and year. Bookkeeping: the FIR that receives the number is what the audit records.</summary>
public sealed class FirCounter : INotAudited
{
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public int NextValue { get; set; }
}
