using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Cases;

/// <summary>Arrests in cases: every arrest once, at the FIR's station, on the local day custody began; and those kept past the custody limit, on the day it passed.</summary>
public sealed class FirArrestMetrics : MetricSource<FirArrest>
{
    public const string Arrests = "fir_arrests";
    public const string CustodyOverdue = "fir_custody_overdue";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Arrests, "cases", MetricFormat.Count, "Persons arrested in FIR cases.",
            Counting: "Every arrest recorded in a case, at the FIR's station, on the local day of CustodyStartedAt."),
        new(CustodyOverdue, "cases", MetricFormat.Count, "Arrested persons kept past the legal limit without being produced in court.", Alert: true,
            Counting: "Every arrest the custody sweep alerted on (CustodyOverdueAlertedAt set), at the FIR's station, on the local day of ProduceBy (ADR-055)."),
    ];

    protected override void Project(FirArrest arrest, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        facts.Add(new MetricFact(Arrests, arrest.UnitCode, LocalDay(arrest.CustodyStartedAt, timeZone), "", 1, 0));
        if (arrest.CustodyOverdueAlertedAt is not null)
        {
            facts.Add(new MetricFact(CustodyOverdue, arrest.UnitCode, LocalDay(arrest.ProduceBy, timeZone), "", 1, 0));
        }
    }

    protected override string? ReferenceOf(FirArrest entity) => entity.Reference;
}

/// <summary>Recoveries in cases, by kind: every recovery once, at the FIR's station, on the local day it was made.</summary>
public sealed class FirRecoveryMetrics : MetricSource<FirRecovery>
{
    public const string Recoveries = "fir_recoveries";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Recoveries, "cases", MetricFormat.Count, "Recoveries in FIR cases: property, weapons, vehicles, narcotics.", "kind",
            Counting: "Every recovery recorded in a case, at the FIR's station, on the local day of RecoveredAt, by Kind (property, weapon, vehicle, narcotics)."),
    ];

    protected override void Project(FirRecovery recovery, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(recovery.RecoveredAt, timeZone);
        facts.Add(new MetricFact(Recoveries, recovery.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Recoveries, recovery.UnitCode, day, recovery.Kind.ToString().ToLowerInvariant(), 1, 0));
    }

    protected override string? ReferenceOf(FirRecovery entity) => entity.Reference;
}
