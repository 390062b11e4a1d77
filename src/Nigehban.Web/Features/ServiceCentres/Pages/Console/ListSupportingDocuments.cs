using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres.Pages.Console;

/// <summary>
/// The documents supplied with an application (names and sizes, not content), for the officer who
/// checks them. The jurisdiction filter applies, as for the application itself; the read of the
/// application that shows them is the audited one.
/// </summary>
public sealed class ListSupportingDocumentsHandler(NigehbanDbContext db)
{
    public async Task<IReadOnlyList<SupportingDocumentView>> HandleAsync(string reference, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        var requestIds = db.Set<ServiceRequest>().Where(r => r.Reference == canonical).Select(r => r.Id);
        return await db.Set<SupportingDocument>().AsNoTracking()
            .Where(d => requestIds.Contains(d.ServiceRequestId))
            .OrderBy(d => d.UploadedAt)
            .Select(d => new SupportingDocumentView(d.Id, d.DocumentCode, d.FileName, d.ContentType, d.Size, d.UploadedAt))
            .ToListAsync(cancellationToken);
    }
}
