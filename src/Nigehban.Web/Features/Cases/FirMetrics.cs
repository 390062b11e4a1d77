using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// FIRs registered, by crime head: every FIR once, on the force-local day it was registered, under
/// its principal head. An alert metric: each registration reaches the dashboards of the station's
/// chain of command (SHO, SDPO, DPO, RPO, IG) live. With the investigation: detection (traced) %,
/// challans within the deadline %, and FIRs with an overdue stage (ADR-051).
/// </summary>
public sealed class FirMetrics : MetricSource<Fir>
{
    public const string Registered = "firs_registered";
    public const string Detection = "fir_detection_percent";
    public const string ChallanInTime = "fir_challan_in_time_percent";
    public const string Overdue = "fir_stages_overdue";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Registered, "cases", MetricFormat.Count, "FIRs registered at stations.", "crime_head", Alert: true,
            Counting: "Every FIR once, on the local day of RegisteredAt, by CrimeHead (the most serious head among its offences, in the pack's order)."),
        new(Detection, "cases", MetricFormat.Percent, "Share of FIRs traced: sent to court with a challan (then convicted or acquitted).", "crime_head",
            Counting: "Over FIRs not cancelled, on the local day of RegisteredAt: 100 × those at ChallanSubmitted, Convicted or Acquitted ÷ all (ADR-051)."),
        new(ChallanInTime, "cases", MetricFormat.Percent, "Share of challans submitted by the investigation's deadline.", "crime_head",
            Counting: "Over FIRs with ChallanSubmittedAt, on that local day: 100 × those with ChallanInTime ÷ all."),
        new(Overdue, "cases", MetricFormat.Count, "FIRs that let a stage pass the pack's deadline.", "crime_head", Alert: true,
            Counting: "FirstBreachedAt set (the escalation sweep sets it at the first breach, to the stage's deadline), on that local day."),
    ];

    protected override void Project(Fir fir, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(fir.RegisteredAt, timeZone);
        facts.Add(new MetricFact(Registered, fir.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Registered, fir.UnitCode, day, fir.CrimeHead, 1, 0));
        if (fir.Status != FirStatus.Cancelled)
        {
            var traced = FirStages.IsTraced(fir.Status) ? 1 : 0;
            facts.Add(new MetricFact(Detection, fir.UnitCode, day, "", 1, traced));
            facts.Add(new MetricFact(Detection, fir.UnitCode, day, fir.CrimeHead, 1, traced));
        }

        if (fir.ChallanSubmittedAt is { } challanAt)
        {
            var inTime = fir.ChallanInTime == true ? 1 : 0;
            var challanDay = LocalDay(challanAt, timeZone);
            facts.Add(new MetricFact(ChallanInTime, fir.UnitCode, challanDay, "", 1, inTime));
            facts.Add(new MetricFact(ChallanInTime, fir.UnitCode, challanDay, fir.CrimeHead, 1, inTime));
        }

        if (fir.FirstBreachedAt is { } breachedAt)
        {
            var breachDay = LocalDay(breachedAt, timeZone);
            facts.Add(new MetricFact(Overdue, fir.UnitCode, breachDay, "", 1, 0));
            facts.Add(new MetricFact(Overdue, fir.UnitCode, breachDay, fir.CrimeHead, 1, 0));
        }
    }

    protected override string? ReferenceOf(Fir entity) => entity.Reference;

    public override IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        if (metric != Registered)
        {
            return null;
        }

        var firs = db.Set<Fir>().AsNoTracking().Where(f => f.UnitPath.StartsWith(unitPath) && f.RegisteredAt >= from && f.RegisteredAt < to);
        if (!string.IsNullOrEmpty(dimension))
        {
            firs = firs.Where(f => f.CrimeHead == dimension);
        }

        return firs.Select(f => new MetricRecord { Reference = f.Reference, UnitCode = f.UnitCode, Dimension = f.CrimeHead, Status = f.Status.ToString(), At = f.RegisteredAt });
    }

    public override bool ListsRecordsOf(string metric) => metric == Registered;

    public override string? RecordPage(string reference) => $"/console/firs/{reference}";
}
