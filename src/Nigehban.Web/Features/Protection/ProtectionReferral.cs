using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Protection;

/// <summary>
/// A case referred to a partner body of the pack for one need. The partner must acknowledge it and
/// report its outcome within the pack's clocks; a missed clock escalates once to the centre's
/// in-charge. Owned by the centre's unit like its case; a partner's account reaches it only by its
/// partner code (<see cref="ProtectionAccess"/>). The officer's note and the outcome are sealed.
/// </summary>
public sealed class ProtectionReferral : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseReference { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string PartnerCode { get; set; }
    public required string NeedCode { get; set; }
    public string? NoteSealed { get; set; }
    public required string SentBy { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset AcknowledgeDueAt { get; set; }
    public DateTimeOffset OutcomeDueAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? OutcomeAt { get; private set; }
    public string? OutcomeBy { get; private set; }
    public string? OutcomeSealed { get; private set; }

    /// <summary>When the unmet acknowledgement was escalated (once).</summary>
    public DateTimeOffset? AcknowledgementEscalatedAt { get; set; }

    /// <summary>When the unreported outcome was escalated (once).</summary>
    public DateTimeOffset? OutcomeEscalatedAt { get; set; }

    public string NoteContext => $"protection-referral/{Id}/note";

    public string OutcomeContext => $"protection-referral/{Id}/outcome";

    public bool IsOverdueAt(DateTimeOffset now) =>
        (AcknowledgedAt is null && AcknowledgeDueAt < now) || (OutcomeAt is null && OutcomeDueAt < now);

    public void Acknowledge(string by, DateTimeOffset at)
    {
        if (AcknowledgedAt is not null)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Rule.AcknowledgedAlready"));
        }

        AcknowledgedAt = at;
        AcknowledgedBy = by;
    }

    public void ReportOutcome(string by, string outcomeSealed, DateTimeOffset at)
    {
        if (OutcomeAt is not null)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Rule.OutcomeAlready"));
        }

        // Reporting an outcome acknowledges the referral too, if the partner skipped that step.
        AcknowledgedAt ??= at;
        AcknowledgedBy ??= by;
        OutcomeAt = at;
        OutcomeBy = by;
        OutcomeSealed = outcomeSealed;
    }
}

/// <summary>A staff account that works for a partner body: it sees the referrals sent to that partner within its home unit's subtree.</summary>
public sealed class ProtectionPartnerAccount
{
    public Guid AccountId { get; set; }
    public required string UserName { get; set; }
    public required string PartnerCode { get; set; }
    public required string LinkedBy { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}
