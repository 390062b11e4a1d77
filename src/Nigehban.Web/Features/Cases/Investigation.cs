using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases;

public enum RecoveryKind
{
    Property,
    Weapon,
    Vehicle,
    Narcotics,
}

public enum FirEventKind
{
    OfficerAssigned,
    StageChanged,
    EscalatedToStation,
    EscalatedToSupervisor,
}

/// <summary>
/// One entry of the case diary: what the investigating officer (or the SHO) did and found, in their
/// words, time-stamped by the server. Append-only: nothing edits or deletes an entry (ADR-050).
/// </summary>
public sealed class FirDiaryEntry : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public required string UnitPath { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
    public required string AuthorUserName { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
}

/// <summary>An arrest in a case: a named person, when custody began, and by when the law wants them before a court (the pack's limit).</summary>
public sealed class FirArrest : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string Reference { get; set; }
    public required string PersonName { get; set; }

    /// <summary>The FIR's accused party this person is, when the report named them (its position among the parties).</summary>
    public int? AccusedPosition { get; set; }

    public DateTimeOffset CustodyStartedAt { get; set; }
    public DateTimeOffset ProduceBy { get; set; }
    public required string ArrestedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the person was produced before a court: the custody clock stops.</summary>
    public DateTimeOffset? ProducedInCourtAt { get; set; }

    /// <summary>When the overdue sweep alerted the station's supervisors that custody passed the legal limit (once).</summary>
    public DateTimeOffset? CustodyOverdueAlertedAt { get; set; }
}

/// <summary>Something recovered in a case: stolen property, a weapon, a vehicle, narcotics (with quantity and unit).</summary>
public sealed class FirRecovery : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string Reference { get; set; }
    public RecoveryKind Kind { get; set; }
    public required string Description { get; set; }
    public decimal? Quantity { get; set; }
    public string? QuantityUnit { get; set; }
    public DateTimeOffset RecoveredAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>The case's own history: officers assigned (with the reason), stages entered, escalations. The audit trail keeps the same facts.</summary>
public sealed class FirEvent : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public required string UnitPath { get; set; }
    public DateTimeOffset At { get; set; }
    public FirEventKind Kind { get; set; }
    public required string Actor { get; set; }
    public required string Details { get; set; }
    public string? Reason { get; set; }
}
