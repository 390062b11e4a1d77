using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Cases.ImportIncidents;

/// <summary>
/// Past incidents brought in by <c>import incidents</c>, by crime head: every record once, on the
/// force-local day it occurred. Kept apart from FIRs registered here (ADR-052), and never an alert:
/// ten years of history arriving at once is not news for the duty officer.
/// </summary>
public sealed class ImportedIncidentMetrics : MetricSource<ImportedIncident>
{
    public const string Imported = "incidents_imported";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Imported, "cases", MetricFormat.Count, "Past incidents imported from another system's records (closed case records).", "crime_head",
            Counting: "Every imported record once, on the local day of OccurredAt, by CrimeHead (the pack's head the mapping gives the file's offence)."),
    ];

    protected override void Project(ImportedIncident incident, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(incident.OccurredAt, timeZone);
        facts.Add(new MetricFact(Imported, incident.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Imported, incident.UnitCode, day, incident.CrimeHead, 1, 0));
    }

    protected override string? ReferenceOf(ImportedIncident entity) => entity.ExternalId;

    public override IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        if (metric != Imported)
        {
            return null;
        }

        var incidents = db.Set<ImportedIncident>().AsNoTracking().Where(i => i.UnitPath.StartsWith(unitPath) && i.OccurredAt >= from && i.OccurredAt < to);
        if (!string.IsNullOrEmpty(dimension))
        {
            incidents = incidents.Where(i => i.CrimeHead == dimension);
        }

        return incidents.Select(i => new MetricRecord { Reference = i.ExternalId, UnitCode = i.UnitCode, Dimension = i.CrimeHead, Status = i.Outcome, At = i.OccurredAt });
    }

    public override bool ListsRecordsOf(string metric) => metric == Imported;
}
