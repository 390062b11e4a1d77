using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>
/// The complaint centre's figures. They count at the centre's own unit, never at the station
/// complained about, so a station's dashboard shows no sign of a complaint against it (ADR-045).
/// </summary>
public sealed class PoliceComplaintMetrics : MetricSource<PoliceComplaint>
{
    public const string Received = "police_complaints_received";
    public const string Resolved = "police_complaints_resolved";
    public const string Overdue = "police_complaints_overdue";
    public const string ProvedFalse = "police_complaints_proved_false";

    private const string Module = "police-complaints";
    private const string ByType = "type";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Received, Module, MetricFormat.Count, "Complaints against police received by the complaint centre.", ByType,
            Counting: "Every complaint, at the centre's unit, on the local day it was received (ReceivedAt).", Public: true),
        new(Resolved, Module, MetricFormat.Count, "Complaints against police closed (the citizen satisfied, or closed by a senior officer).", ByType,
            Counting: "Complaints whose status is Closed, at the centre's unit, on the local day they were closed (ClosedAt).", Public: true),
        new(Overdue, Module, MetricFormat.Count, "Complaints against police whose first-call or reply clock ran out while open.", ByType, Alert: true,
            Counting: "Complaints with BreachedAt set (the escalation marks each once), on the local day of BreachedAt."),
        new(ProvedFalse, Module, MetricFormat.Count, "Complaints against police the inquiry found false.", ByType,
            Counting: "Complaints whose reply's finding is ProvedFalse, on the local day of the reply (RepliedAt)."),
    ];

    protected override void Project(PoliceComplaint complaint, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var unit = complaint.UnitCode;
        Both(facts, Received, unit, LocalDay(complaint.ReceivedAt, timeZone), complaint.TypeCode);
        if (complaint.Status == PoliceComplaintStatus.Closed && complaint.ClosedAt is { } closed)
        {
            Both(facts, Resolved, unit, LocalDay(closed, timeZone), complaint.TypeCode);
        }

        if (complaint.BreachedAt is { } breached)
        {
            Both(facts, Overdue, unit, LocalDay(breached, timeZone), complaint.TypeCode);
        }

        if (complaint.Finding == PoliceComplaintFinding.ProvedFalse && complaint.RepliedAt is { } replied)
        {
            Both(facts, ProvedFalse, unit, LocalDay(replied, timeZone), complaint.TypeCode);
        }
    }

    protected override string? ReferenceOf(PoliceComplaint entity) => entity.Reference;

    /// <summary>The same selections as <see cref="Project"/>, through the caller's jurisdiction filter: only the centre's staff list them.</summary>
    public override IQueryable<MetricRecord>? RecordsOf(Platform.Data.NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        var complaints = db.Set<PoliceComplaint>().AsNoTracking().Where(c => c.UnitPath.StartsWith(unitPath));
        if (!string.IsNullOrEmpty(dimension))
        {
            complaints = complaints.Where(c => c.TypeCode == dimension);
        }

        return metric switch
        {
            Received => complaints.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.TypeCode, Status = c.Status.ToString(), At = c.ReceivedAt }),
            Resolved => complaints.Where(c => c.Status == PoliceComplaintStatus.Closed && c.ClosedAt >= from && c.ClosedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.TypeCode, Status = c.Status.ToString(), At = c.ClosedAt!.Value }),
            Overdue => complaints.Where(c => c.BreachedAt >= from && c.BreachedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.TypeCode, Status = c.Status.ToString(), At = c.BreachedAt!.Value }),
            ProvedFalse => complaints.Where(c => c.Finding == PoliceComplaintFinding.ProvedFalse && c.RepliedAt >= from && c.RepliedAt < to)
                .Select(c => new MetricRecord { Reference = c.Reference, UnitCode = c.UnitCode, Dimension = c.TypeCode, Status = c.Status.ToString(), At = c.RepliedAt!.Value }),
            _ => null,
        };
    }

    public override bool ListsRecordsOf(string metric) => metric is Received or Resolved or Overdue or ProvedFalse;

    public override string? RecordPage(string reference) => $"/console/police-complaints/{Uri.EscapeDataString(reference)}";

    private static void Both(ICollection<MetricFact> facts, string metric, string unit, DateOnly day, string type)
    {
        facts.Add(new MetricFact(metric, unit, day, "", 1, 0));
        facts.Add(new MetricFact(metric, unit, day, type, 1, 0));
    }
}
