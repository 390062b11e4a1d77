using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>
/// The front desk's dashboard metrics over station complaints. Days are force-local; a complaint
/// counts at the unit that holds it now (a transfer moves its figures with it, as a unit move does).
/// </summary>
public sealed class StationComplaintMetrics : MetricSource<StationComplaint>
{
    public const string Received = "station_complaints_received";
    public const string Disposed = "station_complaints_disposed";
    public const string Overdue = "station_complaints_overdue";
    public const string DeadlineKept = "station_complaint_deadline_kept_percent";
    public const string DisposalTime = "station_complaint_disposal_minutes";
    public const string Outcomes = "station_complaint_outcomes";
    public const string Satisfied = "station_complaint_satisfied_percent";

    private const string Module = "front-desk";
    private const string ByCategory = "category";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Received, Module, MetricFormat.Count, "Complaints received at stations and online.", ByCategory, Alert: true,
            Counting: "Every complaint, on the local day it was received (ReceivedAt), whatever its status now.", Public: true),
        new(Disposed, Module, MetricFormat.Count, "Complaints disposed (FIR registered, resolved, referred or filed).", ByCategory,
            Counting: "Complaints whose status is Disposed, on the local day of DisposedAt.", Public: true),
        new(Overdue, Module, MetricFormat.Count, "Complaints that let a stage pass its deadline.", ByCategory, Alert: true,
            Counting: "Complaints with FirstBreachedAt set (the escalation job sets it at the first breach of any stage), on that local day."),
        new(DeadlineKept, Module, MetricFormat.Percent, "Share of disposed complaints that kept every stage's deadline.", ByCategory,
            Counting: "Over disposed complaints (as station_complaints_disposed): 100 × those without FirstBreachedAt ÷ all of them.", Public: true),
        new(DisposalTime, Module, MetricFormat.Minutes, "Average time from receipt to disposal, in minutes.", ByCategory,
            Counting: "Over disposed complaints (as station_complaints_disposed): mean of whole minutes from ReceivedAt to DisposedAt."),
        new(Outcomes, Module, MetricFormat.Count, "Disposed complaints by outcome.", "outcome",
            Counting: "Disposed complaints on the local day of DisposedAt, by Outcome (the total equals station_complaints_disposed)."),
        new(Satisfied, Module, MetricFormat.Percent, "Share of rated complaints whose complainant was satisfied (rated 4 or 5 of 5).",
            Counting: "Complaints with a Rating, on the local day of RatedAt: 100 × those rated 4 or 5 ÷ all rated.", Public: true),
    ];

    protected override void Project(StationComplaint complaint, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var unit = complaint.UnitCode;
        var category = complaint.CategoryCode;
        Both(facts, Received, unit, LocalDay(complaint.ReceivedAt, timeZone), category, 1, 0);
        if (complaint.FirstBreachedAt is { } breached)
        {
            Both(facts, Overdue, unit, LocalDay(breached, timeZone), category, 1, 0);
        }

        if (complaint.Status == ComplaintStatus.Disposed && complaint.DisposedAt is { } disposed)
        {
            var day = LocalDay(disposed, timeZone);
            Both(facts, Disposed, unit, day, category, 1, 0);
            Both(facts, DeadlineKept, unit, day, category, 1, complaint.FirstBreachedAt is null ? 1 : 0);
            Both(facts, DisposalTime, unit, day, category, 1, MinutesBetween(complaint.ReceivedAt, disposed));
            facts.Add(new MetricFact(Outcomes, unit, day, "", 1, 0));
            facts.Add(new MetricFact(Outcomes, unit, day, complaint.Outcome?.ToString() ?? "", 1, 0));
        }

        if (complaint.Rating is { } rating && complaint.RatedAt is { } rated)
        {
            facts.Add(new MetricFact(Satisfied, unit, LocalDay(rated, timeZone), "", 1, rating >= 4 ? 1 : 0));
        }
    }

    protected override string? ReferenceOf(StationComplaint entity) => entity.Reference;

    /// <summary>The same selections as <see cref="Project"/>, as a query, read through the caller's jurisdiction.</summary>
    public override IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        var complaints = db.Set<StationComplaint>().AsNoTracking().Where(c => c.UnitPath.StartsWith(unitPath));
        if (!string.IsNullOrEmpty(dimension))
        {
            if (metric == Outcomes)
            {
                complaints = Enum.TryParse<ComplaintOutcome>(dimension, out var outcome) ? complaints.Where(c => c.Outcome == outcome) : complaints.Where(c => false);
            }
            else
            {
                complaints = complaints.Where(c => c.CategoryCode == dimension);
            }
        }

        return metric switch
        {
            Received => complaints.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.CategoryCode, Status = c.Status.ToString(), At = c.ReceivedAt }),
            Overdue => complaints.Where(c => c.FirstBreachedAt >= from && c.FirstBreachedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.CategoryCode, Status = c.Status.ToString(), At = c.FirstBreachedAt!.Value }),
            Disposed or DeadlineKept or DisposalTime or Outcomes => complaints.Where(c => c.Status == ComplaintStatus.Disposed && c.DisposedAt >= from && c.DisposedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.CategoryCode, Status = c.Status.ToString(), At = c.DisposedAt!.Value }),
            Satisfied => complaints.Where(c => c.Rating != null && c.RatedAt >= from && c.RatedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.CategoryCode, Status = c.Status.ToString(), At = c.RatedAt!.Value }),
            _ => null,
        };
    }

    public override bool ListsRecordsOf(string metric) => metric is Received or Overdue or Disposed or DeadlineKept or DisposalTime or Outcomes or Satisfied;

    /// <summary>The total and the per-category row of one fact.</summary>
    private static void Both(ICollection<MetricFact> facts, string metric, string unit, DateOnly day, string category, long count, long measure)
    {
        facts.Add(new MetricFact(metric, unit, day, "", count, measure));
        facts.Add(new MetricFact(metric, unit, day, category, count, measure));
    }
}

/// <summary>Visitors at station front desks, by purpose, on the local day they arrived.</summary>
public sealed class StationVisitMetrics : MetricSource<StationVisit>
{
    public const string Visitors = "station_visitors";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Visitors, "front-desk", MetricFormat.Count, "Visitors logged at station front desks.", "purpose",
            Counting: "Every visit in the log, on the local day of ArrivedAt, by PurposeCode."),
    ];

    protected override void Project(StationVisit visit, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(visit.ArrivedAt, timeZone);
        facts.Add(new MetricFact(Visitors, visit.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Visitors, visit.UnitCode, day, visit.PurposeCode, 1, 0));
    }
}
