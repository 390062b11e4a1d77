using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres.RenderIssuedDocument;

/// <summary>
/// The PDF of an issued document, for the holder (reference + national ID) or staff in its
/// jurisdiction. It carries the holder's name and national ID, so every rendering is an audited read.
/// </summary>
public sealed class RenderIssuedDocumentHandler(
    NigehbanDbContext db, ServiceCatalogue catalogue, ForcePack force, DocumentLinks links, OfficialDocumentPdf renderer, IEnumerable<IRecordCopies> recordCopies)
{
    public async Task<(byte[] Pdf, string FileName)> HandleAsync(string reference, string? nationalId, CancellationToken cancellationToken)
    {
        var notFound = new NotFoundException("reference", ServiceCentreErrors.Text("Issued.NoMatch"));
        var canonical = ServiceRequest.CanonicalReference(reference);
        var query = db.Set<IssuedDocument>().AsNoTracking();
        if (nationalId is not null)
        {
            var id = force.NationalId.Normalise(nationalId) ?? throw notFound;
            query = query.IgnoreQueryFilters().Where(d => d.HolderNationalId == id); // the holder's own secret pair
        }

        var document = await query.FirstOrDefaultAsync(d => d.ServiceRequestReference == canonical, cancellationToken) ?? throw notFound;
        db.Audit.Record(new AuditEntry("issued-document.read", nameof(IssuedDocument), document.Code,
            Details: nationalId is null ? document.ServiceRequestReference : $"{document.ServiceRequestReference} by its holder", UnitPath: document.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        if (recordCopies.FirstOrDefault(c => c.Output == document.Kind) is { } source)
        {
            // A copy of another module's record (an FIR copy) is that module's own document, with its own QR.
            return await source.RenderAsync(await RecordNamedAsync(document, cancellationToken), cancellationToken);
        }

        var service = catalogue.Find(document.ServiceCode);
        var title = service?.NameIn("en") ?? document.ServiceCode;
        var local = TimeZoneInfo.ConvertTime(document.IssuedAt, force.TimeZone);
        var pdf = renderer.Render(new OfficialDocument(
            force.Name,
            title,
            [
                ("Holder", document.HolderName),
                // The parent's name only where the force asks for it, under the force's own English label.
                .. catalogue.Asks(ApplicantField.ParentName) is { } parentField
                    ? [(parentField.LabelIn("en") ?? "Parent's or guardian's name", document.HolderParentName ?? "-")]
                    : Array.Empty<(string, string)>(),
                (force.NationalId.Name, force.NationalId.Format(document.HolderNationalId)),
                ("Application", document.ServiceRequestReference),
                ("Issued", local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)),
                ("Verification code", document.Code),
            ],
            document.Statement,
            links.VerificationUrl(document),
            $"Issued by {service?.Agency ?? force.Name}. Verify at the address above; a document whose QR code does not verify is not genuine."));
        return (pdf, $"{document.ServiceRequestReference}.pdf");
    }

    private async Task<string> RecordNamedAsync(IssuedDocument document, CancellationToken cancellationToken)
    {
        var details = await db.Set<ServiceRequest>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Id == document.ServiceRequestId).Select(r => r.DetailsJson).FirstAsync(cancellationToken);
        return RecordCopyDetails.Named(details) ?? throw new InvalidOperationException($"Issued copy {document.Code} names no record.");
    }
}
