using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// Proclaimed offenders (ADR-054): those still wanted, on the day of their proclamation, and those
/// arrested, on the day of the arrest, by how (an arrest in the case or a warrant executed). An arrest
/// moves a person from the first count to the second in the same transaction, so over a period that
/// reaches back to the first proclamation "wanted" is the number wanted now.
/// </summary>
public sealed class WantedPersonMetrics : MetricSource<WantedPerson>
{
    public const string WantedNow = "fir_pos_wanted";
    public const string Arrested = "fir_pos_arrested";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(WantedNow, "cases", MetricFormat.Count, "Proclaimed offenders still wanted, by the day a court proclaimed them.",
            Counting: "Every WantedPerson with Status Wanted, at the FIR's station, on ProclaimedOn; an arrest takes it out."),
        new(Arrested, "cases", MetricFormat.Count, "Proclaimed offenders arrested.", "through",
            Counting: "Every WantedPerson with Status Arrested, at the FIR's station, on ArrestedOn, by ArrestedThrough (arrest, warrant)."),
    ];

    protected override void Project(WantedPerson wanted, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        if (wanted.Status == WantedStatus.Wanted)
        {
            facts.Add(new MetricFact(WantedNow, wanted.UnitCode, wanted.ProclaimedOn, "", 1, 0));
        }
        else if (wanted.ArrestedOn is { } day)
        {
            facts.Add(new MetricFact(Arrested, wanted.UnitCode, day, "", 1, 0));
            facts.Add(new MetricFact(Arrested, wanted.UnitCode, day, wanted.ArrestedThrough ?? "", 1, 0));
        }
    }

    protected override string? ReferenceOf(WantedPerson entity) => entity.Reference;

    public override IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        // The period comes as the instants of two local midnights; these counts are kept by day. Half a day past a
        // local midnight is still that local day in UTC for every zone within ±12 hours of it.
        var (first, last) = (LocalDayOf(from), LocalDayOf(to));
        var rows = db.Set<WantedPerson>().AsNoTracking().Where(w => w.UnitPath.StartsWith(unitPath));
        rows = metric switch
        {
            WantedNow => rows.Where(w => w.Status == WantedStatus.Wanted && w.ProclaimedOn >= first && w.ProclaimedOn < last),
            Arrested => rows.Where(w => w.Status == WantedStatus.Arrested && w.ArrestedOn >= first && w.ArrestedOn < last
                && (string.IsNullOrEmpty(dimension) || w.ArrestedThrough == dimension)),
            _ => rows.Where(_ => false),
        };
        return rows.Select(w => new MetricRecord
        {
            Reference = w.Reference, UnitCode = w.UnitCode, Dimension = w.ArrestedThrough, Status = w.Status.ToString(),
            At = w.RecordedAt,
        });
    }

    private static DateOnly LocalDayOf(DateTimeOffset localMidnight) => DateOnly.FromDateTime(localMidnight.UtcDateTime.AddHours(12));

    public override bool ListsRecordsOf(string metric) => metric is WantedNow or Arrested;

    public override string? RecordPage(string reference) => $"/console/firs/{reference}";
}
