using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// Reads the dashboard from the rollup table, within the caller's jurisdiction: a unit outside it
/// answers <see cref="Platform.Api.NotFoundException"/> (404), as any record outside it does.
/// </summary>
public sealed class DashboardQueries(NigehbanDbContext db, UnitDirectory units, JurisdictionScope scope, ForcePack force)
{
    public Task<DashboardSummary> SummaryAsync(string unitCode, DateOnly from, DateOnly to, CancellationToken ct) =>
        throw new NotImplementedException($"{db.GetType().Name} {units.All.Count} {scope.PathPrefix} {force.Code}");

    public Task<DashboardSeries> SeriesAsync(string unitCode, DateOnly from, DateOnly to, SeriesInterval interval, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string unitCode, DateOnly from, DateOnly to, string metric, CancellationToken ct) =>
        throw new NotImplementedException();
}
