namespace Nigehban.Web.Platform.Documents;

public enum DocumentCheckStatus
{
    Valid,
    Revoked,
    Forged,
}

/// <summary>What the public verification may say of a document: its verdict and, unless forged, its title, date and masked holder.</summary>
public sealed record DocumentCheck(DocumentCheckStatus Status, string? Title, DateTimeOffset? IssuedAt, string? Holder);

/// <summary>
/// A module's signed documents that the one public verification page and endpoint also check (an
/// FIR copy beside a service centre's certificates): given a normalised <see cref="VerificationCode"/>
/// and the QR's signature, the verdict, or null when the code is not one of its documents.
/// </summary>
public interface IVerifiableDocuments
{
    Task<DocumentCheck?> CheckAsync(string code, string? signature, string language, CancellationToken cancellationToken);
}

/// <summary>Builds the public verification URL printed in QR codes (configuration <c>Documents:PublicBaseUrl</c>, else the request's host).</summary>
public sealed class VerificationLinks(IConfiguration configuration, IHttpContextAccessor http)
{
    public string For(string code, string signature)
    {
        var baseUrl = configuration["Documents:PublicBaseUrl"]?.TrimEnd('/')
            ?? (http.HttpContext is { } context ? $"{context.Request.Scheme}://{context.Request.Host}" : "http://127.0.0.1:5080");
        return $"{baseUrl}/verify/{code}?s={signature}";
    }
}
