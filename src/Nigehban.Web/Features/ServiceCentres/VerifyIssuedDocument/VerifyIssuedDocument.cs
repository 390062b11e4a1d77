using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;

namespace Nigehban.Web.Features.ServiceCentres.VerifyIssuedDocument;

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

/// <summary>
/// Public verification of an issued document from its code and, when scanned from the QR, its
/// signature. An altered code fails its check character; a copied code with altered fields fails the
/// signature; a revoked document says so. A code that is no certificate's is put to the other
/// modules' <see cref="IDocumentVerifier"/>s (a complaint receipt, an FIR copy), whose verdicts this
/// page shows the same way.
/// </summary>
public sealed class VerifyDocumentHandler(NigehbanDbContext db, DocumentSigner signer, ServiceCatalogue catalogue, IEnumerable<IDocumentVerifier> otherDocuments)
{
    public async Task<DocumentVerification> HandleAsync(string code, string? signature, string language, CancellationToken cancellationToken)
    {
        var hasCodeShape = VerificationCode.HasCodeShape(code);
        var normalised = hasCodeShape ? VerificationCode.Normalise(code) : null;
        if (normalised is not null && await CertificateAsync(normalised, signature, language, cancellationToken) is { } certificate)
        {
            return certificate;
        }

        foreach (var verifier in otherDocuments)
        {
            if (await verifier.CheckAsync(code, signature, language, cancellationToken) is { } check)
            {
                return check.Verdict switch
                {
                    DocumentVerdict.Valid => new DocumentVerification(VerificationStatus.Valid, check.Kind, check.IssuedAt, Holder(check.Holder), ServiceCentreErrors.Text("Verify.Valid")),
                    DocumentVerdict.Revoked => new DocumentVerification(VerificationStatus.Revoked, check.Kind, check.IssuedAt, Holder(check.Holder), ServiceCentreErrors.Text("Verify.Revoked")),
                    DocumentVerdict.Unknown => new DocumentVerification(VerificationStatus.Unknown, null, null, null, ServiceCentreErrors.Text("Verify.Unknown")),
                    _ => new DocumentVerification(VerificationStatus.Forged, null, null, null, ServiceCentreErrors.Text("Verify.Forged")),
                };
            }
        }

        if (!hasCodeShape)
        {
            return new DocumentVerification(VerificationStatus.NotACode, null, null, null, ServiceCentreErrors.Text("Verify.NotACode"));
        }

        return normalised is null
            ? new DocumentVerification(VerificationStatus.Forged, null, null, null, ServiceCentreErrors.Text("Verify.Altered"))
            : new DocumentVerification(VerificationStatus.Unknown, null, null, null, ServiceCentreErrors.Text("Verify.Unknown"));
    }

    private static string? Holder(string? name) => name is null ? null : Masking.Name(name);

    /// <summary>The certificate with this code, or null when there is none.</summary>
    private async Task<DocumentVerification?> CertificateAsync(string normalised, string? signature, string language, CancellationToken cancellationToken)
    {
        var document = await db.Set<IssuedDocument>()
            .IgnoreQueryFilters() // public verification by the document's own code
            .AsNoTracking()
            .FirstOrDefaultAsync(d => d.Code == normalised, cancellationToken);
        if (document is null)
        {
            return null;
        }

        // A forged document learns nothing about the real one whose code it copied.
        if (!signer.Verify(document.SignedFields(), document.Signature) || (signature is not null && signature != document.Signature))
        {
            return new DocumentVerification(VerificationStatus.Forged, null, null, null, ServiceCentreErrors.Text("Verify.Forged"));
        }

        var service = catalogue.Find(document.ServiceCode)?.NameIn(language) ?? document.ServiceCode;
        var holder = Masking.Name(document.HolderName);

        return document.RevokedAt is not null
            ? new DocumentVerification(VerificationStatus.Revoked, service, document.IssuedAt, holder, ServiceCentreErrors.Text("Verify.Revoked"))
            : new DocumentVerification(VerificationStatus.Valid, service, document.IssuedAt, holder, ServiceCentreErrors.Text("Verify.Valid"));
    }
}
