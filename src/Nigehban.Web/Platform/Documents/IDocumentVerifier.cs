namespace Nigehban.Web.Platform.Documents;

public enum DocumentVerdict
{
    Valid,
    Unknown,
    Forged,
}

/// <summary>A module's verdict on one of its documents; <paramref name="Holder"/> is masked by the verify page, not here.</summary>
public sealed record DocumentCheck(DocumentVerdict Verdict, string? Kind, DateTimeOffset? IssuedAt, string? Holder);

/// <summary>
/// A module whose documents carry a QR code to the public verify page (a complaint receipt, say)
/// registers one of these; the page asks each verifier whether a code is its own before it reads the
/// code as a certificate's. A verifier never tells more than its verdict to a forged document.
/// </summary>
public interface IDocumentVerifier
{
    /// <summary>Whether <paramref name="code"/> has the shape of this module's documents.</summary>
    bool Recognises(string code);

    Task<DocumentCheck> VerifyAsync(string code, string? signature, string language, CancellationToken cancellationToken);
}
