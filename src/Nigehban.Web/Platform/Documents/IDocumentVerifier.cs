namespace Nigehban.Web.Platform.Documents;

public enum DocumentVerdict
{
    Valid,
    Revoked,

    /// <summary>No such document, or one the verifier will not confirm from a typed code alone.</summary>
    Unknown,
    Forged,
}

/// <summary>
/// A module's verdict on one of its documents: unless forged or unknown, its kind (a title in the
/// reader's language), date and holder. The verify page masks <paramref name="Holder"/>, not the module.
/// </summary>
public sealed record DocumentCheck(DocumentVerdict Verdict, string? Kind, DateTimeOffset? IssuedAt, string? Holder);

/// <summary>
/// A module whose signed documents carry a QR code to the one public verify page (a complaint
/// receipt, an FIR copy) registers one of these; the page asks each in turn after the service
/// centres' certificates. A verifier answers null for a code that is not one of its documents, and
/// never tells more than its verdict to a forged one.
/// </summary>
public interface IDocumentVerifier
{
    /// <param name="code">The code as typed or scanned (each verifier parses its own shape: a <see cref="VerificationCode"/>, a reference).</param>
    /// <param name="signature">The QR's signature; null when the code was typed.</param>
    Task<DocumentCheck?> CheckAsync(string code, string? signature, string language, CancellationToken cancellationToken);
}
