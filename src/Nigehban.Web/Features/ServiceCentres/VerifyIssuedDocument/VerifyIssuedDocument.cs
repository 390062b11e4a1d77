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
/// signature; a revoked document says so.
/// </summary>
public sealed class VerifyDocumentHandler(NigehbanDbContext db, DocumentSigner signer, ServiceCatalogue catalogue, IEnumerable<IVerifiableDocuments> otherDocuments)
{
    public async Task<DocumentVerification> HandleAsync(string code, string? signature, string language, CancellationToken cancellationToken)
    {
        if (!VerificationCode.HasCodeShape(code))
        {
            return new DocumentVerification(VerificationStatus.NotACode, null, null, null, ServiceCentreErrors.Text("Verify.NotACode"));
        }

        var normalised = VerificationCode.Normalise(code);
        if (normalised is null)
        {
            return new DocumentVerification(VerificationStatus.Forged, null, null, null, ServiceCentreErrors.Text("Verify.Altered"));
        }

        var document = await db.Set<IssuedDocument>()
            .IgnoreQueryFilters() // public verification by the document's own code
            .AsNoTracking()
            .FirstOrDefaultAsync(d => d.Code == normalised, cancellationToken);
        if (document is null)
        {
            // Not a certificate: perhaps another module's signed document (an FIR copy).
            foreach (var documents in otherDocuments)
            {
                if (await documents.CheckAsync(normalised, signature, language, cancellationToken) is { } check)
                {
                    return check.Status switch
                    {
                        DocumentCheckStatus.Valid => new DocumentVerification(VerificationStatus.Valid, check.Title, check.IssuedAt, check.Holder, ServiceCentreErrors.Text("Verify.Valid")),
                        DocumentCheckStatus.Revoked => new DocumentVerification(VerificationStatus.Revoked, check.Title, check.IssuedAt, check.Holder, ServiceCentreErrors.Text("Verify.Revoked")),
                        _ => new DocumentVerification(VerificationStatus.Forged, null, null, null, ServiceCentreErrors.Text("Verify.Forged")),
                    };
                }
            }

            return new DocumentVerification(VerificationStatus.Unknown, null, null, null, ServiceCentreErrors.Text("Verify.Unknown"));
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
