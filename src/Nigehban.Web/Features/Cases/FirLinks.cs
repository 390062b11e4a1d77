using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// Lets another module link one of its records to an FIR by its reference (a protection case to the
/// FIR registered for it): whether such an FIR exists. Nothing of the FIR itself is handed over.
/// </summary>
[ModuleContract]
public sealed class FirLinks(NigehbanDbContext db)
{
    /// <param name="canonical">A reference already in its canonical form.</param>
    public Task<bool> ExistsAsync(string canonical, CancellationToken cancellationToken) =>
        // A link names the record, it does not read it: the reference is looked up force-wide.
        db.Set<Fir>().IgnoreQueryFilters().AnyAsync(f => f.Reference == canonical, cancellationToken);
}
