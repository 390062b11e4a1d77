using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// What transport terminals and their travellers are refused with (<c>TerminalErrors.resx</c>
/// and one file per language), in the reader's language (ADR-040).
/// </summary>
public sealed class TerminalErrors
{
    private static readonly ErrorTexts Texts = new(typeof(TerminalErrors));

    private TerminalErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
