using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record SupportingDocumentFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// An uploaded document's content, for the officer who checks it. The jurisdiction filter applies (a
/// document outside it is not found), the type served is the one decided from the content at upload,
/// and every opening is recorded as an audited read.
/// </summary>
public sealed class OpenSupportingDocumentHandler(NigehbanDbContext db)
{
    public async Task<SupportingDocumentFile> HandleAsync(string reference, Guid id, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        var requestIds = db.Set<ServiceRequest>().Where(r => r.Reference == canonical).Select(r => r.Id);
        var document = await db.Set<SupportingDocument>().AsNoTracking()
            .Where(d => d.Id == id && requestIds.Contains(d.ServiceRequestId))
            .Select(d => new { d.Content, d.ContentType, d.FileName, d.DocumentCode, d.UnitPath })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("id", ServiceCentreErrors.Text("Document.UnknownId"));

        db.Audit.Record(new AuditEntry("supporting-document.read", nameof(SupportingDocument), id.ToString(),
            Details: $"{canonical} {document.DocumentCode}", UnitPath: document.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new SupportingDocumentFile(document.Content, document.ContentType, document.FileName);
    }
}
