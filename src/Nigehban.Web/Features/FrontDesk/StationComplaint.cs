using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.FrontDesk;

public enum ComplaintStatus
{
    Received,
    Assigned,
    UnderInquiry,
    Disposed,
}

public enum ComplaintOutcome
{
    FirRegistered,
    Resolved,
    Referred,
    Filed,
}

public enum ComplaintChannel
{
    Desk,
    Online,
}

/// <summary>What happened to a complaint, step by step; the citizen's timeline is built from it.</summary>
public enum ComplaintEvent
{
    Received,
    Transferred,
    Assigned,
    InquiryStarted,
    Disposed,
    Rated,
    EscalatedToStation,
    EscalatedToSupervisor,
}

/// <summary>The complainant as they gave themselves: not a verified identity.</summary>
public sealed class Complainant
{
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public string? NationalId { get; set; }

    /// <summary>An equal, untracked instance: an owned entity belongs to one owner in one context.</summary>
    public Complainant Copy() => (Complainant)MemberwiseClone();
}

/// <summary>
/// A complaint made at a police station's front desk or online (issue 16). It moves
/// received → assigned → under inquiry → disposed; each stage has a deadline from the pack
/// (<see cref="StageDueAt"/>), and an illegal move throws <see cref="RuleViolationException"/> (409).
/// </summary>
public sealed class StationComplaint : IUnitOwned
{
    public Guid Id { get; set; }
    public required string Reference { get; set; }
    public required string CategoryCode { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset IncidentAt { get; set; }
    public string? LocationText { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public required Complainant Complainant { get; set; }

    /// <summary>The pack language the citizen used; their SMS are written in it.</summary>
    public required string Language { get; set; }

    public ComplaintChannel Channel { get; set; }

    /// <summary>The owning unit: a station, or a district's complaint cell until it routes the complaint.</summary>
    public required string UnitCode { get; set; }

    public required string UnitPath { get; set; }

    public ComplaintStatus Status { get; private set; } = ComplaintStatus.Received;
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset StageStartedAt { get; set; }
    public DateTimeOffset StageDueAt { get; set; }

    /// <summary>0: the stage is within its deadline; 1: the station in-charge was alerted; 2: the supervising unit's too.</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>When a stage of this complaint first passed its deadline; never cleared, so the dashboard's "overdue" counts each complaint once.</summary>
    public DateTimeOffset? FirstBreachedAt { get; private set; }

    /// <summary>When the escalation sweep next acts on this complaint: the stage deadline, then the supervisor's; null when nothing is left to escalate.</summary>
    public DateTimeOffset? NextEscalationAt { get; set; }

    public string? OfficerUserName { get; private set; }
    public string? OfficerName { get; private set; }
    public string? OfficerPhone { get; private set; }

    public ComplaintOutcome? Outcome { get; private set; }
    public string? DisposalNote { get; private set; }
    public DateTimeOffset? DisposedAt { get; private set; }

    /// <summary>Whether the last stage before disposal ended by its deadline: what "deadline kept" counts.</summary>
    public bool? DisposedInTime { get; private set; }

    /// <summary>The short one-time code the disposal SMS carries, so the complainant can rate by replying; cleared once rated.</summary>
    public string? RatingToken { get; private set; }

    public int? Rating { get; private set; }
    public string? RatingComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    public string? IdempotencyKey { get; set; }
    public string? IdempotencyRequestHash { get; set; }

    /// <summary>Optimistic concurrency: two officers acting at once cannot both move the complaint.</summary>
    public int Version { get; set; }

    public List<ComplaintStep> Steps { get; set; } = [];

    public bool IsOverdueAt(DateTimeOffset now) => Status != ComplaintStatus.Disposed && StageDueAt < now;

    public void RecordReceipt(string actor) => AddStep(ComplaintEvent.Received, actor, ReceivedAt, Channel == ComplaintChannel.Desk ? "desk" : "online");

    /// <summary>Routes a district's complaint to a station, or moves one between stations; the reference stays.</summary>
    public void TransferTo(string unitCode, string unitPath, string actor, DateTimeOffset at, string reason, DateTimeOffset receivedDueAt)
    {
        if (Status == ComplaintStatus.Disposed)
        {
            throw new RuleViolationException("A disposed complaint cannot be transferred.");
        }

        if (unitCode == UnitCode)
        {
            throw new ValidationFailedException("toUnit", "The complaint is already at this unit.");
        }

        AddStep(ComplaintEvent.Transferred, actor, at, reason, fromUnit: UnitCode, toUnit: unitCode);
        UnitCode = unitCode;
        UnitPath = unitPath;

        // A new station starts afresh: its officers have not seen the complaint, so it awaits assignment there.
        OfficerUserName = OfficerName = OfficerPhone = null;
        Enter(ComplaintStatus.Received, at, receivedDueAt);
    }

    public void Assign(string userName, string name, string phone, string actor, DateTimeOffset at, DateTimeOffset dueAt)
    {
        if (Status is not (ComplaintStatus.Received or ComplaintStatus.Assigned))
        {
            throw new RuleViolationException($"A complaint that is {Status} cannot be assigned to an inquiry officer.");
        }

        OfficerUserName = userName;
        OfficerName = name;
        OfficerPhone = phone;
        AddStep(ComplaintEvent.Assigned, actor, at, name);
        Enter(ComplaintStatus.Assigned, at, dueAt);
    }

    public void StartInquiry(string actor, DateTimeOffset at, DateTimeOffset dueAt)
    {
        if (Status != ComplaintStatus.Assigned)
        {
            throw new RuleViolationException($"A complaint that is {Status} cannot go under inquiry; it must be assigned first.");
        }

        AddStep(ComplaintEvent.InquiryStarted, actor, at, null);
        Enter(ComplaintStatus.UnderInquiry, at, dueAt);
    }

    public void RecordDisposal(ComplaintOutcome outcome, string? note, string actor, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.UnderInquiry)
        {
            throw new RuleViolationException($"A complaint that is {Status} cannot be disposed; only one under inquiry can.");
        }

        if (outcome is ComplaintOutcome.Filed or ComplaintOutcome.Referred && string.IsNullOrWhiteSpace(note))
        {
            throw new ValidationFailedException("note", outcome == ComplaintOutcome.Filed
                ? "A complaint is filed only with a reason."
                : "Name the department the complaint is referred to.");
        }

        Outcome = outcome;
        DisposalNote = note;
        DisposedAt = at;
        DisposedInTime = at <= StageDueAt;
        AddStep(ComplaintEvent.Disposed, actor, at, note is null ? outcome.ToString() : $"{outcome}: {note}");
        Status = ComplaintStatus.Disposed;
        NextEscalationAt = null;
        Version++;
    }

    /// <summary>Lets the complainant rate a disposed complaint by replying to its SMS with <paramref name="token"/>.</summary>
    public void OfferRatingByReply(string token)
    {
        if (Status != ComplaintStatus.Disposed || Rating is not null)
        {
            throw new RuleViolationException("Only a disposed complaint that is not yet rated can be rated by reply.");
        }

        RatingToken = token;
    }

    /// <summary>An FIR was registered from this complaint (at any open stage): it is disposed with that outcome, naming the FIR.</summary>
    public void RecordFirRegistered(string fir, string actor, DateTimeOffset at)
    {
        if (Status == ComplaintStatus.Disposed)
        {
            throw new RuleViolationException("A disposed complaint cannot become an FIR.");
        }

        Outcome = ComplaintOutcome.FirRegistered;
        DisposalNote = fir;
        DisposedAt = at;
        DisposedInTime = at <= StageDueAt;
        AddStep(ComplaintEvent.Disposed, actor, at, $"{ComplaintOutcome.FirRegistered}: {fir}");
        Status = ComplaintStatus.Disposed;
        NextEscalationAt = null;
        Version++;
    }

    public void Rate(int rating, string? comment, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.Disposed)
        {
            throw new RuleViolationException("A complaint can be rated only after it is disposed.");
        }

        if (Rating is not null)
        {
            throw new RuleViolationException("This complaint has been rated already.");
        }

        Rating = rating;
        RatingComment = comment;
        RatingToken = null;
        RatedAt = at;
        AddStep(ComplaintEvent.Rated, "complainant", at, rating.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Version++;
    }

    /// <summary>Raises the escalation level of an overdue stage by one; the caller alerts whom it names.</summary>
    /// <param name="againAt">When to escalate to the next level if the stage is still unmet; null at the last level.</param>
    public void Escalate(DateTimeOffset at, DateTimeOffset? againAt)
    {
        EscalationLevel++;
        EscalatedAt = at;
        FirstBreachedAt ??= at;
        NextEscalationAt = againAt;
        AddStep(EscalationLevel == 1 ? ComplaintEvent.EscalatedToStation : ComplaintEvent.EscalatedToSupervisor, "system", at, Status.ToString());
        Version++;
    }

    private void Enter(ComplaintStatus status, DateTimeOffset at, DateTimeOffset dueAt)
    {
        Status = status;
        StageStartedAt = at;
        StageDueAt = dueAt;
        NextEscalationAt = dueAt;
        EscalationLevel = 0;
        EscalatedAt = null;
        Version++;
    }

    private void AddStep(ComplaintEvent kind, string actor, DateTimeOffset at, string? note, string? fromUnit = null, string? toUnit = null) =>
        Steps.Add(new ComplaintStep
        {
            Id = Guid.CreateVersion7(),
            ComplaintId = Id,
            Event = kind,
            At = at,
            Actor = actor,
            Note = note,
            FromUnit = fromUnit,
            ToUnit = toUnit,
        });
}

/// <summary>One step of a complaint's history: who did what, when, and why.</summary>
public sealed class ComplaintStep
{
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    public ComplaintEvent Event { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
    public string? FromUnit { get; set; }
    public string? ToUnit { get; set; }
}
