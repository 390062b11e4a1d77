using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>
/// Lets another module link one of its records to a station complaint by its reference (a protection
/// case to the complaint that followed it): whether such a complaint exists, and its canonical
/// reference. Nothing of the complaint itself is handed over.
/// </summary>
[ModuleContract]
public sealed class ComplaintLinks(NigehbanDbContext db)
{
    /// <param name="canonical">A reference already in its canonical form.</param>
    public Task<bool> ExistsAsync(string canonical, CancellationToken cancellationToken) =>
        // A link names the record, it does not read it: the reference is looked up force-wide.
        db.Set<StationComplaint>().IgnoreQueryFilters().AnyAsync(c => c.Reference == canonical, cancellationToken);
}
