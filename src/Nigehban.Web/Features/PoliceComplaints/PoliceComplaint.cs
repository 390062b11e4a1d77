using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.PoliceComplaints;

public enum PoliceComplaintStatus
{
    Received,
    Assigned,
    Replied,
    Closed,
}

public enum PoliceComplaintFinding
{
    Substantiated,
    NotSubstantiated,
    ProvedFalse,
}

public enum PoliceComplaintClosure
{
    CitizenSatisfied,
    ClosedBySenior,
}

/// <summary>
/// A complaint against police conduct, taken by the force's complaint centre. It is owned by the
/// centre's unit, not by the station complained about, so that the jurisdiction filter hides it from
/// everyone below the centre (ADR-045); the inquiring officer reaches it only by assignment.
/// Its lifecycle rules live here: an illegal step throws <see cref="RuleViolationException"/> (409).
/// </summary>
public sealed class PoliceComplaint : IUnitOwned
{
    public Guid Id { get; set; }
    public required string Reference { get; set; }
    public required string TypeCode { get; set; }
    public required string Channel { get; set; }

    /// <summary>The centre's unit: who sees the complaint.</summary>
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The station complained about, and its path when the complaint was received.</summary>
    public required string StationCode { get; set; }
    public required string StationPath { get; set; }

    /// <summary>The officer complained about, as the complainant named them.</summary>
    public string? AccusedOfficerName { get; set; }

    /// <summary>The officer's account when the centre identified it: that account never sees the complaint.</summary>
    public Guid? AccusedAccountId { get; set; }

    public required string Description { get; set; }
    public required string ComplainantName { get; set; }
    public required string ComplainantPhone { get; set; }
    public string? ComplainantLanguage { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset FirstCallDueAt { get; set; }
    public DateTimeOffset ReplyDueAt { get; set; }
    public PoliceComplaintStatus Status { get; private set; } = PoliceComplaintStatus.Received;

    public Guid? AssignedAccountId { get; private set; }
    public string? AssignedOfficerName { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public DateTimeOffset? CalledAt { get; private set; }
    public DateTimeOffset? RepliedAt { get; private set; }
    public string? Reply { get; private set; }
    public PoliceComplaintFinding? Finding { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public PoliceComplaintClosure? Closure { get; private set; }
    public string? ClosureReason { get; private set; }

    /// <summary>Set once, when the first clock (call or reply) passes while open; escalated then.</summary>
    public DateTimeOffset? BreachedAt { get; set; }

    public string? IdempotencyKey { get; set; }
    public string? IdempotencyRequestHash { get; set; }
    public int Version { get; set; }

    public List<PoliceComplaintStep> Steps { get; set; } = [];

    public bool IsOpen => Status != PoliceComplaintStatus.Closed;

    /// <summary>Whether a clock has run out while the work it waits for is not done.</summary>
    public bool IsOverdueAt(DateTimeOffset now) =>
        IsOpen && ((CalledAt is null && FirstCallDueAt < now) || (RepliedAt is null && ReplyDueAt < now));

    public static string CanonicalReference(string reference) =>
        Platform.References.ReferenceNumber.TryParse(reference, out var parsed)
            ? parsed.ToString()
            : throw new NotFoundException("reference", PoliceComplaintErrors.Text("Reference.NotFound"));

    public void RecordReceipt(string actor) => Step(ReceivedAt, actor, "received", $"via {Channel}");

    public void AssignTo(Guid accountId, string officerName, string actor, DateTimeOffset at)
    {
        if (Status is PoliceComplaintStatus.Replied or PoliceComplaintStatus.Closed)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.AssignAgain", Status));
        }

        AssignedAccountId = accountId;
        AssignedOfficerName = officerName;
        AssignedAt = at;
        Status = PoliceComplaintStatus.Assigned;
        Version++;
        Step(at, actor, "assigned", officerName);
    }

    public void LogCall(string actor, DateTimeOffset at, string? note)
    {
        if (Status != PoliceComplaintStatus.Assigned)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.CallNotAssigned", Status));
        }

        CalledAt ??= at;
        Version++;
        Step(at, actor, "called", note);
    }

    public void RecordReply(string actor, DateTimeOffset at, string reply, PoliceComplaintFinding finding)
    {
        if (Status != PoliceComplaintStatus.Assigned)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.ReplyNotAssigned", Status));
        }

        if (CalledAt is null)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.CallBeforeReply"));
        }

        Reply = reply;
        Finding = finding;
        RepliedAt = at;
        Status = PoliceComplaintStatus.Replied;
        Version++;
        Step(at, actor, "replied", finding.ToString());
    }

    public void ConfirmSatisfaction(DateTimeOffset at, string? comment)
    {
        if (Status != PoliceComplaintStatus.Replied)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.ConfirmAfterReply", Status));
        }

        Close(at, "citizen", PoliceComplaintClosure.CitizenSatisfied, comment);
    }

    /// <summary>The citizen is not satisfied: the complaint stays open for a senior officer to act.</summary>
    public void RecordDissatisfaction(DateTimeOffset at, string? comment)
    {
        if (Status != PoliceComplaintStatus.Replied)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.AnswerAfterReply", Status));
        }

        Version++;
        Step(at, "citizen", "not-satisfied", comment);
    }

    public void CloseBySenior(string actor, DateTimeOffset at, string reason)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.ClosedAlready"));
        }

        Close(at, actor, PoliceComplaintClosure.ClosedBySenior, reason);
    }

    private void Close(DateTimeOffset at, string actor, PoliceComplaintClosure closure, string? reason)
    {
        ClosedAt = at;
        Closure = closure;
        ClosureReason = reason;
        Status = PoliceComplaintStatus.Closed;
        Version++;
        Step(at, actor, closure == PoliceComplaintClosure.CitizenSatisfied ? "satisfied" : "closed", reason);
    }

    private void Step(DateTimeOffset at, string actor, string action, string? note) =>
        Steps.Add(new PoliceComplaintStep { Id = Guid.CreateVersion7(), ComplaintId = Id, At = at, Actor = actor, Action = action, Note = note });
}

/// <summary>One step of a complaint's timeline. The actor is staff-only; the citizen sees the action and time.</summary>
public sealed class PoliceComplaintStep
{
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Note { get; set; }
}

internal sealed class PoliceComplaintConfiguration : IEntityTypeConfiguration<PoliceComplaint>
{
    public void Configure(EntityTypeBuilder<PoliceComplaint> builder)
    {
        builder.ToTable("police_complaints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(32);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.TypeCode).HasMaxLength(64);
        builder.Property(c => c.Channel).HasMaxLength(16);
        builder.Property(c => c.UnitCode).HasMaxLength(40);
        builder.Property(c => c.UnitPath).HasMaxLength(400);
        builder.Property(c => c.StationCode).HasMaxLength(40);
        builder.Property(c => c.StationPath).HasMaxLength(400);
        builder.Property(c => c.AccusedOfficerName).HasMaxLength(120);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.ComplainantName).HasMaxLength(120);
        builder.Property(c => c.ComplainantPhone).HasMaxLength(20);
        builder.Property(c => c.ComplainantLanguage).HasMaxLength(10);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Finding).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Closure).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.AssignedOfficerName).HasMaxLength(120);
        builder.Property(c => c.Reply).HasMaxLength(4000);
        builder.Property(c => c.ClosureReason).HasMaxLength(1000);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(100);
        builder.Property(c => c.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(c => c.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.HasIndex(c => new { c.UnitPath, c.Status, c.ReceivedAt });
        builder.HasIndex(c => new { c.AssignedAccountId, c.Status });
        builder.HasIndex(c => new { c.Status, c.BreachedAt });
        builder.HasIndex(c => c.UnitCode);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOpen);
        builder.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PoliceComplaintStepConfiguration : IEntityTypeConfiguration<PoliceComplaintStep>
{
    public void Configure(EntityTypeBuilder<PoliceComplaintStep> builder)
    {
        builder.ToTable("police_complaint_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Actor).HasMaxLength(100);
        builder.Property(s => s.Action).HasMaxLength(32);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.HasIndex(s => new { s.ComplaintId, s.At });
    }
}
