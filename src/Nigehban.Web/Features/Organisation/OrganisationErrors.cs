using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Organisation;

/// <summary>
/// What the units handlers refuse a request with (<c>OrganisationErrors.resx</c> and one file per language),
/// in the reader's language (ADR-040).
/// </summary>
public sealed class OrganisationErrors
{
    private static readonly ErrorTexts Texts = new(typeof(OrganisationErrors));

    private OrganisationErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
