using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// A document issued at the end of a service request (certificate, receipt, report, FIR copy). Its
/// public <see cref="Code"/> and <see cref="Signature"/> travel in the QR code; the PDF is rendered
/// from these fields on demand, so the signed fields are the single source of truth.
/// </summary>
public sealed class IssuedDocument : IUnitOwned
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public Guid ServiceRequestId { get; set; }
    public required string ServiceRequestReference { get; set; }
    public required string ServiceCode { get; set; }
    public required string Kind { get; set; }
    public required string HolderName { get; set; }
    public string? HolderParentName { get; set; }
    public required string HolderNationalId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required string IssuedBy { get; set; }

    /// <summary>What the document states, e.g. "No criminal record was found".</summary>
    public required string Statement { get; set; }

    public required string Signature { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The fields the signature covers, in a fixed order.</summary>
    public IEnumerable<string> SignedFields() =>
    [
        Code, ServiceRequestReference, ServiceCode, Kind, HolderName, HolderParentName ?? string.Empty, HolderNationalId,
        IssuedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Statement,
    ];
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.ToTable("issued_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Code).HasMaxLength(20);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => d.ServiceRequestId).IsUnique();
        builder.Property(d => d.ServiceRequestReference).HasMaxLength(32);
        builder.Property(d => d.ServiceCode).HasMaxLength(64);
        builder.Property(d => d.Kind).HasMaxLength(32);
        builder.Property(d => d.HolderName).HasMaxLength(120);
        builder.Property(d => d.HolderParentName).HasMaxLength(120);
        builder.Property(d => d.HolderNationalId).HasMaxLength(32);
        builder.Property(d => d.IssuedBy).HasMaxLength(100);
        builder.Property(d => d.Statement).HasMaxLength(500);
        builder.Property(d => d.Signature).HasMaxLength(200);
        builder.Property(d => d.RevocationReason).HasMaxLength(500);
        builder.Property(d => d.UnitPath).HasMaxLength(400);
    }
}

/// <summary>The public verification URL of an issued document (<see cref="PublicBaseUrl"/>).</summary>
public sealed class DocumentLinks(PublicBaseUrl baseUrl)
{
    public string VerificationUrl(IssuedDocument document) => baseUrl.VerificationUrl(document.Code, document.Signature);
}
