using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// What the service centres' handlers refuse a request with (<c>ServiceCentreErrors.resx</c> and one
/// file per language), in the reader's language (ADR-040).
/// </summary>
public sealed class ServiceCentreErrors
{
    private static readonly ErrorTexts Texts = new(typeof(ServiceCentreErrors));

    private ServiceCentreErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
