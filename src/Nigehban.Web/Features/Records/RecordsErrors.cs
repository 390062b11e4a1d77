using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// What the records module's handlers refuse a request with (<c>RecordsErrors.resx</c> and one file per
/// language), in the reader's language (ADR-040).
/// </summary>
public sealed class RecordsErrors
{
    private static readonly ErrorTexts Texts = new(typeof(RecordsErrors));

    private RecordsErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
