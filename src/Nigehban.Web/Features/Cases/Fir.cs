using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// Where an FIR stands. Registration starts the investigation; the police end it with a challan to
/// court, as untraced, or by cancelling a false report; the court then convicts or acquits
/// (<see cref="FirStages"/> says which moves are legal, ADR-050).
/// </summary>
public enum FirStatus
{
    UnderInvestigation,
    ChallanSubmitted,
    Untraced,
    Cancelled,
    Convicted,
    Acquitted,
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

    public FirStatus Status { get; private set; } = FirStatus.UnderInvestigation;

    /// <summary>When the current stage began, and when the pack's deadline for it falls (null: the stage has none).</summary>
    public DateTimeOffset StageStartedAt { get; set; }

    public DateTimeOffset? StageDueAt { get; private set; }

    /// <summary>0: the stage is within its deadline; 1: the SHO was alerted; 2: the SDPO too.</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>When the escalation sweep next acts on this FIR; null when nothing is left to escalate.</summary>
    public DateTimeOffset? NextEscalationAt { get; private set; }

    /// <summary>When a stage of this FIR first passed its deadline; never cleared, so "overdue stages" counts each FIR once.</summary>
    public DateTimeOffset? FirstBreachedAt { get; private set; }

    /// <summary>When the challan went to court, and whether that was by the investigation's deadline (what "challan within deadline" counts).</summary>
    public DateTimeOffset? ChallanSubmittedAt { get; private set; }

    public bool? ChallanInTime { get; private set; }

    /// <summary>Optimistic concurrency: two officers moving one case at once cannot both win.</summary>
    public int Version { get; set; }
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

    /// <summary>Starts a stage with its deadline (null: no clock); the escalation starts afresh.</summary>
    public void Enter(FirStatus stage, DateTimeOffset at, DateTimeOffset? dueAt)
    {
        if (stage != Status && !FirStages.MayMove(Status, stage))
        {
            throw new RuleViolationException(CasesErrors.Text("Stage.Illegal", Status, stage));
        }

        if (stage == FirStatus.ChallanSubmitted)
        {
            ChallanSubmittedAt = at;
            ChallanInTime = StageDueAt is not { } due || at <= due;
        }

        Status = stage;
        StageStartedAt = at;
        StageDueAt = dueAt;
        NextEscalationAt = dueAt;
        EscalationLevel = 0;
        Version++;
    }

    /// <summary>Hands the case to another officer of the station; the caller checks who that may be.</summary>
    public void AssignTo(string userName, string name)
    {
        InvestigatingOfficerUserName = userName;
        InvestigatingOfficerName = name;
        Version++;
    }

    /// <summary>Raises the escalation of an overdue stage by one; <paramref name="againAt"/> is when to go one level up (null at the last).</summary>
    public void Escalate(DateTimeOffset? againAt)
    {
        EscalationLevel++;
        NextEscalationAt = againAt;
        FirstBreachedAt ??= StageDueAt;
        Version++;
    }

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

/// <summary>The legal moves between stages (ADR-050): a closed stage opens only where the law reopens it.</summary>
public static class FirStages
{
    private static readonly Dictionary<FirStatus, FirStatus[]> Moves = new()
    {
        [FirStatus.UnderInvestigation] = [FirStatus.ChallanSubmitted, FirStatus.Untraced, FirStatus.Cancelled],
        [FirStatus.Untraced] = [FirStatus.UnderInvestigation],
        [FirStatus.ChallanSubmitted] = [FirStatus.Convicted, FirStatus.Acquitted],
        [FirStatus.Cancelled] = [],
        [FirStatus.Convicted] = [],
        [FirStatus.Acquitted] = [],
    };

    public static bool MayMove(FirStatus from, FirStatus to) => Moves[from].Contains(to);

    public static IReadOnlyList<FirStatus> NextOf(FirStatus from) => Moves[from];

    /// <summary>Traced: the police found whom to send to court (a challan, and whatever the court then decided).</summary>
    public static readonly IReadOnlyList<FirStatus> TracedStages = [FirStatus.ChallanSubmitted, FirStatus.Convicted, FirStatus.Acquitted];

    public static bool IsTraced(FirStatus stage) => TracedStages.Contains(stage);
}
