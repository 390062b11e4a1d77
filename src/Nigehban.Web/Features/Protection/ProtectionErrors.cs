using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Protection;

/// <summary>
/// What the protection desk refuses a request with (<c>ProtectionErrors.resx</c> and one file per
/// language), in the reader's language (ADR-040). No sentence echoes what the caller typed: a
/// refusal must carry nothing of the person (ADR-061).
/// </summary>
public sealed class ProtectionErrors
{
    private static readonly ErrorTexts Texts = new(typeof(ProtectionErrors));

    private ProtectionErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
