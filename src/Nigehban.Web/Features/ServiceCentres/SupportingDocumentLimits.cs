using System.Globalization;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// How large a supporting document may be: <c>ServiceCentres:Documents:MaxBytes</c>, 5 MB unless set.
/// The server refuses anything larger; the portal renders the limit into its file inputs, so that the
/// browser refuses such a file before uploading it.
/// </summary>
public sealed class SupportingDocumentLimits
{
    public const string ConfigurationKey = "ServiceCentres:Documents:MaxBytes";

    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>The most a configuration may allow: the upload routes' request body limits are sized for it.</summary>
    public const long CeilingBytes = 20 * 1024 * 1024;

    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The limit in megabytes as people read it ("5", "2.5"), for the pages' messages.</summary>
    public string Megabytes => (MaxBytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture);

    public static SupportingDocumentLimits From(IConfiguration configuration)
    {
        var maxBytes = configuration.GetValue<long?>(ConfigurationKey) ?? DefaultMaxBytes;
        return maxBytes is > 0 and <= CeilingBytes
            ? new SupportingDocumentLimits { MaxBytes = maxBytes }
            : throw new InvalidOperationException($"{ConfigurationKey} is {maxBytes}: it must lie between 1 and {CeilingBytes} bytes.");
    }
}
