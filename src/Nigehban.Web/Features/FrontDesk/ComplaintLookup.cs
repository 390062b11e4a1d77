using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.FrontDesk.ReadComplaints;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>Finds a complaint to act on, within the caller's jurisdiction (outside it: 404).</summary>
public static class ComplaintLookup
{
    public static async Task<StationComplaint> FindForChangeAsync(NigehbanDbContext db, string reference, CancellationToken cancellationToken)
    {
        var canonical = ReadComplaintsHandler.CanonicalReference(reference);
        return await db.Set<StationComplaint>().FirstOrDefaultAsync(c => c.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", "No complaint with this reference in your jurisdiction.");
    }
}
