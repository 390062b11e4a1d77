using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Protection;

/// <summary>
/// The protection desks' figures, counted at the centre's unit by the group each case concerns. They
/// are protected categories (gender identity, religion, sexual violence): every cell from 1 to 4 is
/// shown as "&lt;5", and no metric lists the records behind its number (ADR-061).
/// </summary>
public sealed class ProtectionMetrics : MetricSource<ProtectionCase>
{
    public const string Opened = "protection_cases_opened";
    public const string Closed = "protection_cases_closed";
    public const string OpenedByNeed = "protection_cases_opened_by_need";
    public const string Satisfied = "protection_cases_satisfied";

    private const string Module = "protection";
    private const string ByGroup = "group";
    private const string ByNeed = "need";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Opened, Module, MetricFormat.Count, "Protection cases opened at a centre or online.", ByGroup, Suppressed: true,
            Counting: "Every protection case, at its centre's unit, on the local day it was opened; once in the total and once under each group it concerns."),
        new(Closed, Module, MetricFormat.Count, "Protection cases closed with the person's satisfaction recorded.", ByGroup, Suppressed: true,
            Counting: "Cases whose status is Closed, at the centre's unit, on the local day they were closed; once in the total and once under each group."),
        new(OpenedByNeed, Module, MetricFormat.Count, "Protection cases opened, by the needs the person has.", ByNeed, Suppressed: true,
            Counting: "Every protection case, at its centre's unit, on the local day it was opened; once in the total and once under each need."),
        new(Satisfied, Module, MetricFormat.Percent, "Share of closed cases whose person said they were satisfied, of those asked.", Suppressed: true,
            Counting: "Closed cases whose satisfaction was asked (not NotAsked), at the centre's unit, on the local day they were closed; satisfied when the person said Satisfied."),
    ];

    protected override void Project(ProtectionCase protectionCase, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var openedOn = LocalDay(protectionCase.OpenedAt, timeZone);
        ByGroups(facts, Opened, protectionCase, openedOn);
        facts.Add(new MetricFact(OpenedByNeed, protectionCase.UnitCode, openedOn, "", 1, 0));
        foreach (var need in protectionCase.NeedCodes)
        {
            facts.Add(new MetricFact(OpenedByNeed, protectionCase.UnitCode, openedOn, need, 1, 0));
        }

        if (protectionCase.Status == ProtectionCaseStatus.Closed && protectionCase.ClosedAt is { } closed)
        {
            ByGroups(facts, Closed, protectionCase, LocalDay(closed, timeZone));
            if (protectionCase.Satisfaction is { } said and not ProtectionSatisfaction.NotAsked)
            {
                facts.Add(new MetricFact(Satisfied, protectionCase.UnitCode, LocalDay(closed, timeZone), "", 1, said == ProtectionSatisfaction.Satisfied ? 1 : 0));
            }
        }
    }

    private static void ByGroups(ICollection<MetricFact> facts, string metric, ProtectionCase protectionCase, DateOnly day)
    {
        facts.Add(new MetricFact(metric, protectionCase.UnitCode, day, "", 1, 0));
        foreach (var group in protectionCase.GroupCodes)
        {
            facts.Add(new MetricFact(metric, protectionCase.UnitCode, day, group, 1, 0));
        }
    }
}

/// <summary>Referrals that missed a partner's clock, by partner body: what slips when it is tracked by hand.</summary>
public sealed class ProtectionReferralMetrics : MetricSource<ProtectionReferral>
{
    public const string Overdue = "protection_referrals_overdue";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Overdue, "protection", MetricFormat.Count, "Referrals to partner bodies not acknowledged, or without an outcome, by the pack's deadline.", "partner",
            Counting: "Referrals escalated for a missed acknowledgement or outcome, at the centre's unit, once each, on the local day of the first escalation."),
    ];

    protected override void Project(ProtectionReferral referral, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        if ((referral.AcknowledgementEscalatedAt ?? referral.OutcomeEscalatedAt) is { } escalated)
        {
            var day = LocalDay(escalated, timeZone);
            facts.Add(new MetricFact(Overdue, referral.UnitCode, day, "", 1, 0));
            facts.Add(new MetricFact(Overdue, referral.UnitCode, day, referral.PartnerCode, 1, 0));
        }
    }
}
