using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Stolen vehicles by where they stand (open, recovered, handed over), at the recording station on the
/// local day the theft was recorded: a vehicle's move takes it out of one status and into the next
/// on that same day, so "open" is the vehicles still open of those recorded in the period; and the
/// recoveries themselves, on the local day of recovery, by how the vehicle was lost (ADR-067).
/// </summary>
public sealed class StolenVehicleMetrics : MetricSource<StolenVehicle>
{
    public const string Recorded = "stolen_vehicles";
    public const string Recovered = "stolen_vehicles_recovered";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Recorded, "records", MetricFormat.Count, "Vehicles recorded stolen or snatched, by where they stand now.", "status",
            Counting: "Every StolenVehicle once, at its station, on the local day of RecordedAt, by Status (Open, Recovered, HandedOver)."),
        new(Recovered, "records", MetricFormat.Count, "Stolen vehicles recovered, by how they were lost.", "loss",
            Counting: "StolenVehicles with RecoveredAt, at their station, on the local day of RecoveredAt, by Loss (Theft, Snatching)."),
    ];

    protected override void Project(StolenVehicle vehicle, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(vehicle.RecordedAt, timeZone);
        facts.Add(new MetricFact(Recorded, vehicle.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Recorded, vehicle.UnitCode, day, vehicle.Status.ToString(), 1, 0));
        if (vehicle.RecoveredAt is { } recovered)
        {
            var recoveryDay = LocalDay(recovered, timeZone);
            facts.Add(new MetricFact(Recovered, vehicle.UnitCode, recoveryDay, "", 1, 0));
            facts.Add(new MetricFact(Recovered, vehicle.UnitCode, recoveryDay, vehicle.Loss.ToString(), 1, 0));
        }
    }

    public override IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        if (metric != Recorded)
        {
            return null;
        }

        var vehicles = db.Set<StolenVehicle>().Where(v => v.UnitPath.StartsWith(unitPath) && v.RecordedAt >= from && v.RecordedAt < to);
        if (Enum.TryParse<StolenVehicleStatus>(dimension, out var status))
        {
            vehicles = vehicles.Where(v => v.Status == status);
        }

        return vehicles.Select(v => new MetricRecord
        {
            Reference = v.RegistrationNumber, UnitCode = v.UnitCode, Dimension = v.Status.ToString(), Status = v.Status.ToString(), At = v.RecordedAt,
        });
    }

    public override bool ListsRecordsOf(string metric) => metric == Recorded;

    public override string? RecordPage(string reference) => "/console/stolen-vehicles";
}
