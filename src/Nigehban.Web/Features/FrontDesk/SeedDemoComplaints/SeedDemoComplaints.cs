using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.SeedDemoComplaints;

/// <summary>
/// Demo data: four weeks of invented complaints and a week of visitors at two stations of every
/// district (ADR-041), so that the desk's boards, the SHO's board, the inquiry officer's list and the
/// dashboard's <c>station_*</c> figures have something to show on a new instance's first start. Only on
/// a database with no station complaint yet, and only when <c>Demo:History</c> is true (the default)
/// in demo mode, like the service centres' history (ADR-038).
/// </summary>
/// <remarks>
/// Each district is one ordinary save: rows, audit events and dashboard rollups go in together, so the
/// figures are exact by the same rule as for live work. No SMS or alert is written for the past.
/// </remarks>
public sealed class SeedDemoComplaints(
    NigehbanDbContext db,
    UnitDirectory units,
    ForcePack force,
    FrontDeskPack pack,
    ComplaintClock clock,
    AllocateReferenceNumber references,
    IConfiguration configuration,
    ILogger<SeedDemoComplaints> logger) : IDemoDataSeed
{
    /// <summary>The same switch as the service centres' history: the tests turn both off and count their own rows.</summary>
    public const string Setting = "Demo:History";

    /// <summary>The user name of the demo inquiry officer, who sits at the first station of the first district (the demo staff's rule).</summary>
    public const string DemoInquiryOfficer = "io";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(Setting, true) || await db.Set<StationComplaint>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        var now = clock.Now;
        var plan = new DemoComplaintPlan(force, pack, clock);
        var (complaintCount, visitCount) = (0, 0);
        foreach (var district in units.All.Where(u => u.Kind == force.ReferenceUnitKind))
        {
            var stations = units.All.Where(u => u.Kind == force.StationUnitKind && u.Path.StartsWith(district.Path, StringComparison.Ordinal)).Take(2).ToList();
            var complaints = new List<StationComplaint>();
            foreach (var station in stations)
            {
                // The demo officer's own station gives him complaints of his own, so his list is not empty either.
                string[] officers = complaintCount == 0 && complaints.Count == 0
                    ? [DemoInquiryOfficer, $"demo.io.{station.Code.ToLowerInvariant()}"]
                    : [$"demo.io.{station.Code.ToLowerInvariant()}"];
                complaints.AddRange(plan.Complaints(station, officers, now));
                var visits = plan.Visits(station, now);
                db.AddRange(visits);
                visitCount += visits.Count;
            }

            await NumberAsync(district, complaints, cancellationToken);
            db.AddRange(complaints);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            complaintCount += complaints.Count;
        }

        logger.LogInformation("Demo front desk: {Complaints} invented complaints and {Visits} visits in {Seconds:0.0} s (Demo__History=false leaves them out)",
            complaintCount, visitCount, watch.Elapsed.TotalSeconds);
    }

    /// <summary>References come from the district's live counters, one reservation per year, so a later complaint never reuses one.</summary>
    private async Task NumberAsync(UnitInfo district, List<StationComplaint> complaints, CancellationToken cancellationToken)
    {
        foreach (var year in complaints.GroupBy(c => TimeZoneInfo.ConvertTime(c.ReceivedAt, force.TimeZone).Year))
        {
            var first = await references.ReserveRangeAsync(pack.ReferencePrefix, district.Code, year.Key, year.Count(), cancellationToken);
            var sequence = first.Sequence;
            foreach (var complaint in year.OrderBy(c => c.ReceivedAt))
            {
                complaint.Reference = new ReferenceNumber(first.Kind, first.District, first.Year, sequence++).ToString();
            }
        }
    }
}
