using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// A document the applicant supplied (a copy of the national ID, a photo). Kept in the database with its hash; the
/// type is decided by the content, never by the file name or the browser's claim.
/// </summary>
public sealed class SupportingDocument : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid ServiceRequestId { get; set; }
    public required string DocumentCode { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UnitPath { get; set; }
}

internal sealed class SupportingDocumentConfiguration : IEntityTypeConfiguration<SupportingDocument>
{
    public void Configure(EntityTypeBuilder<SupportingDocument> builder)
    {
        builder.ToTable("supporting_documents");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.ServiceRequestId, d.DocumentCode });
        builder.Property(d => d.DocumentCode).HasMaxLength(64);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(40);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.UnitPath).HasMaxLength(400);
    }
}

public sealed record SupportingDocumentView(Guid Id, string DocumentCode, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

/// <summary>
/// Accepts PDF, JPEG and PNG up to the configured size (<see cref="SupportingDocumentLimits"/>), recognised by their first bytes; anything else is refused with
/// the field named. One file per required document: a new file for a document replaces the earlier one.
/// </summary>
public sealed class UploadSupportingDocumentHandler(NigehbanDbContext db, ServiceCatalogue catalogue, ForcePack force, ServiceRequestClock clock, SupportingDocumentLimits limits)
{

    public async Task<SupportingDocumentView> HandleAsync(string reference, string? nationalId, string? documentCode, IFormFile? file, CancellationToken cancellationToken)
    {
        var request = await FindAsync(reference, nationalId, cancellationToken);
        if (request.Status is not (ServiceRequestStatus.Submitted or ServiceRequestStatus.ReturnedForCorrection))
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Document.NotWhileStatus", request.Status));
        }

        var service = catalogue.Find(request.ServiceCode)!;
        if (string.IsNullOrWhiteSpace(documentCode) || service.RequiredDocuments.All(d => d.Code != documentCode))
        {
            throw new ValidationFailedException("documentCode", ServiceCentreErrors.Text("Document.CodeOneOf", string.Join(", ", service.RequiredDocuments.Select(d => d.Code))));
        }

        if (file is null || file.Length == 0)
        {
            throw new ValidationFailedException("file", ServiceCentreErrors.Text("Document.FileRequired"));
        }

        if (file.Length > limits.MaxBytes)
        {
            throw new ValidationFailedException("file", ServiceCentreErrors.Text("Document.TooLarge", limits.Megabytes));
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await stream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var contentType = Sniff(bytes)
            ?? throw new ValidationFailedException("file", ServiceCentreErrors.Text("Document.WrongType"));

        // A replayed upload (a resubmitted portal form, a client retrying after a lost response) of the
        // same file for the same document is answered with the copy already stored, not stored twice.
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // The request was found within the caller's reach (their jurisdiction, or the citizen's own
        // reference + ID pair); its documents are looked up by its id, so the unit filter is not needed.
        var stored = await db.Set<SupportingDocument>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.ServiceRequestId == request.Id && d.DocumentCode == documentCode && d.Sha256 == sha256)
            .Select(d => new SupportingDocumentView(d.Id, d.DocumentCode, d.FileName, d.ContentType, d.Size, d.UploadedAt))
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        // "Replace": a document supplied again takes the place of the earlier file for that document,
        // in the same transaction (audited as a delete), rather than sitting beside it.
        var earlier = await db.Set<SupportingDocument>().IgnoreQueryFilters()
            .Where(d => d.ServiceRequestId == request.Id && d.DocumentCode == documentCode)
            .ToListAsync(cancellationToken);
        db.RemoveRange(earlier);

        var document = new SupportingDocument
        {
            Id = Guid.CreateVersion7(),
            ServiceRequestId = request.Id,
            DocumentCode = documentCode,
            FileName = Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } name ? name : "document",
            ContentType = contentType,
            Size = bytes.Length,
            Sha256 = sha256,
            Content = bytes,
            UploadedAt = clock.Now,
            UnitPath = request.UnitPath,
        };
        db.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return new SupportingDocumentView(document.Id, document.DocumentCode, document.FileName, document.ContentType, document.Size, document.UploadedAt);
    }

    /// <summary>The required documents not yet supplied; documents-checked is refused while any is missing.</summary>
    public static async Task<IReadOnlyList<RequiredDocument>> MissingAsync(NigehbanDbContext db, ServiceRequest request, ServiceDefinition service, CancellationToken cancellationToken)
    {
        var supplied = await db.Set<SupportingDocument>().Where(d => d.ServiceRequestId == request.Id).Select(d => d.DocumentCode).Distinct().ToListAsync(cancellationToken);
        return [.. service.RequiredDocuments.Where(d => !supplied.Contains(d.Code))];
    }

    private async Task<ServiceRequest> FindAsync(string reference, string? nationalId, CancellationToken cancellationToken)
    {
        var notFound = new NotFoundException("reference", ServiceCentreErrors.Text("Request.NoMatch"));
        var canonical = ServiceRequest.CanonicalReference(reference);
        var query = db.Set<ServiceRequest>().AsQueryable();
        if (nationalId is not null)
        {
            var id = force.NationalId.Normalise(nationalId) ?? throw notFound;
            query = query.IgnoreQueryFilters().Where(r => r.Applicant.NationalId == id); // the applicant's own secret pair
        }

        return await query.FirstOrDefaultAsync(r => r.Reference == canonical, cancellationToken) ?? throw notFound;
    }

    /// <summary>The file's real type from its signature bytes.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg"
        : bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;
}
