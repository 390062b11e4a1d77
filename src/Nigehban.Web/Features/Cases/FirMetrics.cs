using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// FIRs registered, by crime head: every FIR once, on the force-local day it was registered, under
/// its principal head. An alert metric: each registration reaches the dashboards of the station's
/// chain of command (SHO, SDPO, DPO, RPO, IG) live.
/// </summary>
public sealed class FirMetrics : MetricSource<Fir>
{
    public const string Registered = "firs_registered";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Registered, "cases", MetricFormat.Count, "FIRs registered at stations.", "crime_head", Alert: true,
            Counting: "Every FIR once, on the local day of RegisteredAt, by CrimeHead (the most serious head among its offences, in the pack's order)."),
    ];

    protected override void Project(Fir fir, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(fir.RegisteredAt, timeZone);
        facts.Add(new MetricFact(Registered, fir.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Registered, fir.UnitCode, day, fir.CrimeHead, 1, 0));
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
