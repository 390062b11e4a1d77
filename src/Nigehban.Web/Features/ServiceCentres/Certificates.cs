using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;

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
    public string? HolderFatherName { get; set; }
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
        Code, ServiceRequestReference, ServiceCode, Kind, HolderName, HolderFatherName ?? string.Empty, HolderNationalId,
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
        builder.Property(d => d.HolderFatherName).HasMaxLength(120);
        builder.Property(d => d.HolderNationalId).HasMaxLength(32);
        builder.Property(d => d.IssuedBy).HasMaxLength(100);
        builder.Property(d => d.Statement).HasMaxLength(500);
        builder.Property(d => d.Signature).HasMaxLength(200);
        builder.Property(d => d.RevocationReason).HasMaxLength(500);
        builder.Property(d => d.UnitPath).HasMaxLength(400);
    }
}

public enum VerificationStatus
{
    Valid,
    Revoked,
    Unknown,
    Forged,

    /// <summary>The input does not have the shape of a code at all (the portal's verdict; the API answers 400).</summary>
    NotACode,
}

public sealed record DocumentVerification(VerificationStatus Status, string? Service, DateTimeOffset? IssuedAt, string? Holder, string Message);

/// <summary>Issues the signed document when a request reaches Issued, inside the same transaction.</summary>
public sealed class IssueSignedDocument(NigehbanDbContext db, DocumentSigner signer, ServiceRequestClock clock, Microsoft.AspNetCore.Http.IHttpContextAccessor http) : IServiceRequestIssuer
{
    public Task IssueAsync(ServiceRequest request, ServiceDefinition service, CancellationToken cancellationToken)
    {
        // Signed over the stored form of the time, so the signature survives PostgreSQL's round trip.
        var issuedAt = clock.Now.ToMicroseconds();
        var document = new IssuedDocument
        {
            Id = Guid.CreateVersion7(),
            Code = VerificationCode.New(),
            ServiceRequestId = request.Id,
            ServiceRequestReference = request.Reference,
            ServiceCode = service.Code,
            Kind = service.Output,
            HolderName = request.Applicant.Name,
            HolderFatherName = request.Applicant.FatherName,
            HolderNationalId = request.Applicant.NationalId,
            IssuedAt = issuedAt,
            IssuedBy = http.HttpContext?.User.Identity?.Name ?? "system",
            Statement = StatementFor(request, service),
            Signature = string.Empty,
            UnitPath = request.UnitPath,
        };
        document.Signature = signer.Sign(document.SignedFields());
        db.Add(document);
        return Task.CompletedTask;
    }

    private static string StatementFor(ServiceRequest request, ServiceDefinition service) => service.Output switch
    {
        "certificate" when service.Checks.Contains("criminal-record") =>
            request.RecordCheckHit == true
                ? "Police records were checked. Matters on record were reviewed by the approving officer before issue."
                : "Police records were checked and nothing adverse was found against the holder.",
        "certificate" => $"The holder has been granted: {service.NameIn("en")}.",
        "receipt" => $"The application for {service.NameIn("en")} has been registered with the police.",
        "report" => $"The report for {service.NameIn("en")} has been recorded by the police.",
        _ => $"Issued for {service.NameIn("en")}.",
    };
}

/// <summary>Public verification codes: 12 random characters and a check character, grouped for reading aloud.</summary>
public static class VerificationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

    public static string New()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var body = new string(chars);
        return $"{body[..4]}-{body[4..8]}-{body[8..]}{CheckCharacter.Compute(body)}";
    }

    /// <summary>Twelve characters of the alphabet and a check character (any letter or digit), separators aside: a code, whether or not the check fits.</summary>
    public static bool HasCodeShape(string? code)
    {
        var compact = Compact(code);
        return compact.Length == 13 && compact[..12].All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>Normalises case and separators; null when the check character does not match (an altered code).</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var compact = Compact(code);
        if (compact.Length != 13 || !compact[..12].All(c => Alphabet.Contains(c, StringComparison.Ordinal)) || !CheckCharacter.IsValid(compact.AsSpan(0, 12), compact[12]))
        {
            return null;
        }

        return $"{compact[..4]}-{compact[4..8]}-{compact[8..]}";
    }

    private static string Compact(string? code) =>
        new((code ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}

/// <summary>
/// Public verification of an issued document from its code and, when scanned from the QR, its
/// signature. An altered code fails its check character; a copied code with altered fields fails the
/// signature; a revoked document says so.
/// </summary>
public sealed class VerifyDocumentHandler(NigehbanDbContext db, DocumentSigner signer, ServiceCatalogue catalogue)
{
    public async Task<DocumentVerification> HandleAsync(string code, string? signature, string language, CancellationToken cancellationToken)
    {
        if (!VerificationCode.HasCodeShape(code))
        {
            return new DocumentVerification(VerificationStatus.NotACode, null, null, null,
                "This is not a certificate code: a code has 13 letters and digits, as printed under the QR code.");
        }

        var normalised = VerificationCode.Normalise(code);
        if (normalised is null)
        {
            return new DocumentVerification(VerificationStatus.Forged, null, null, null, "This code is not a genuine verification code: it has been altered or mistyped.");
        }

        var document = await db.Set<IssuedDocument>()
            .IgnoreQueryFilters() // public verification by the document's own code
            .AsNoTracking()
            .FirstOrDefaultAsync(d => d.Code == normalised, cancellationToken);
        if (document is null)
        {
            return new DocumentVerification(VerificationStatus.Unknown, null, null, null, "No document was issued with this code.");
        }

        // A forged document learns nothing about the real one whose code it copied.
        if (!signer.Verify(document.SignedFields(), document.Signature) || (signature is not null && signature != document.Signature))
        {
            return new DocumentVerification(VerificationStatus.Forged, null, null, null, "The document does not match what was issued: treat it as forged.");
        }

        var service = catalogue.Find(document.ServiceCode)?.NameIn(language) ?? document.ServiceCode;
        var holder = Masking.Name(document.HolderName);

        return document.RevokedAt is not null
            ? new DocumentVerification(VerificationStatus.Revoked, service, document.IssuedAt, holder, "This document was revoked and is no longer valid.")
            : new DocumentVerification(VerificationStatus.Valid, service, document.IssuedAt, holder, "This document is genuine and valid.");
    }
}

/// <summary>The PDF of an issued document, for the holder (reference + national ID) or staff in its jurisdiction.</summary>
public sealed class RenderIssuedDocumentHandler(NigehbanDbContext db, ServiceCatalogue catalogue, ForcePack force, DocumentLinks links, OfficialDocumentPdf renderer)
{
    public async Task<(byte[] Pdf, string FileName)> HandleAsync(string reference, string? nationalId, CancellationToken cancellationToken)
    {
        var notFound = new NotFoundException("reference", "No issued document matches this reference.");
        var canonical = ServiceRequest.CanonicalReference(reference);
        var query = db.Set<IssuedDocument>().AsNoTracking();
        if (nationalId is not null)
        {
            var id = force.NationalId.Normalise(nationalId) ?? throw notFound;
            query = query.IgnoreQueryFilters().Where(d => d.HolderNationalId == id); // the holder's own secret pair
        }

        var document = await query.FirstOrDefaultAsync(d => d.ServiceRequestReference == canonical, cancellationToken) ?? throw notFound;
        var service = catalogue.Find(document.ServiceCode);
        var title = service?.NameIn("en") ?? document.ServiceCode;
        var local = TimeZoneInfo.ConvertTime(document.IssuedAt, force.TimeZone);
        var pdf = renderer.Render(new OfficialDocument(
            force.Name,
            title,
            [
                ("Holder", document.HolderName),
                ("Father's name", document.HolderFatherName ?? "-"),
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
}

/// <summary>Builds the public verification URL printed in QR codes (configuration <c>Documents:PublicBaseUrl</c>, else the request's host).</summary>
public sealed class DocumentLinks(IConfiguration configuration, Microsoft.AspNetCore.Http.IHttpContextAccessor http)
{
    public string VerificationUrl(IssuedDocument document)
    {
        var baseUrl = configuration["Documents:PublicBaseUrl"]?.TrimEnd('/')
            ?? (http.HttpContext is { } context ? $"{context.Request.Scheme}://{context.Request.Host}" : "http://127.0.0.1:5080");
        return $"{baseUrl}/verify/{document.Code}?s={document.Signature}";
    }
}
