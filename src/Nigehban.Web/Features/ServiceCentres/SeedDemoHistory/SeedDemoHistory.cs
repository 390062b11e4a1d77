using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.ServiceCentres.SeedDemoHistory;

/// <summary>
/// Demo data: a year of invented applications, tokens and payments in every district (ADR-038), so
/// that the dashboard, its map and trends, the records behind a number and the public
/// service-delivery page have something to show on a new instance's first start. Only on a database
/// with no application yet, and only when <c>Demo:History</c> is true (the default) in demo mode.
/// </summary>
/// <remarks>
/// Each district is one ordinary save: the rows, their audit events and their dashboard rollups go
/// in together, as for any write, so the dashboard is exact over the history by the same rule as
/// over live work, and an interrupted start leaves whole districts only.
/// </remarks>
public sealed class SeedDemoHistory(
    NigehbanDbContext db,
    UnitDirectory units,
    ForcePack force,
    ServiceCatalogue catalogue,
    ServiceRequestClock clock,
    AllocateReferenceNumber references,
    IConfiguration configuration,
    ILogger<SeedDemoHistory> logger) : IDemoDataSeed
{
    public const string Setting = "Demo:History";

    /// <summary>Days of history before today.</summary>
    public const int Days = 365;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(Setting, true) || catalogue.All.Count == 0
            || await db.Set<ServiceRequest>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        var now = clock.Now;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, force.TimeZone).DateTime);
        var plan = new DemoHistoryPlan(force, catalogue, clock.DueAt);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var total = 0;
        var saving = new Stopwatch();
        try
        {
            foreach (var district in units.All.Where(u => u.Kind == force.ReferenceUnitKind))
            {
                var applications = plan.ForDistrict(district, CentresOf(district), today.AddDays(-Days), today.AddDays(-1), now);
                await NumberAsync(district, applications, cancellationToken);
                foreach (var application in applications)
                {
                    db.Add(application.Request);
                    if (application.Payment is { } payment)
                    {
                        db.Add(payment);
                    }

                    if (application.Token is { } token)
                    {
                        db.Add(token);
                    }
                }

                saving.Start();
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                saving.Stop();
                total += applications.Count;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        // Where the time goes, so that a slow first start can be told apart from a busy machine.
        logger.LogInformation("Demo history: {Applications} invented applications over the last {Days} days in {Seconds:0.0} s, {SaveSeconds:0.0} s of it saving rows, audit and rollups (Demo__History=false leaves them out)",
            total, Days, watch.Elapsed.TotalSeconds, saving.Elapsed.TotalSeconds);
    }

    /// <summary>The district's stations serve the public; a district without stations in the pack serves at its own office.</summary>
    private List<UnitInfo> CentresOf(UnitInfo district)
    {
        var stations = units.All.Where(u => u.Kind == force.StationUnitKind && u.Path.StartsWith(district.Path, StringComparison.Ordinal)).Take(3).ToList();
        return stations.Count > 0 ? stations : [district];
    }

    /// <summary>
    /// References come from the district's live counters, one reservation per year, so that an
    /// application made after the demo never gets a number the history already holds.
    /// </summary>
    private async Task NumberAsync(UnitInfo district, IReadOnlyList<DemoApplication> applications, CancellationToken cancellationToken)
    {
        foreach (var year in applications.GroupBy(a => a.Year))
        {
            var first = await references.ReserveRangeAsync(clock.ReferenceKind, district.Code, year.Key, year.Count(), cancellationToken);
            var sequence = first.Sequence;
            foreach (var application in year.OrderBy(a => a.Request.SubmittedAt))
            {
                var reference = new ReferenceNumber(first.Kind, first.District, first.Year, sequence++).ToString();
                application.Request.Reference = reference;
                application.Payment?.ServiceRequestReference = reference;
                application.Token?.ServiceRequestReference = reference;
            }
        }
    }
}
