using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// What the cases module's handlers refuse a request with (<c>CasesErrors.resx</c> and one file per
/// language), in the reader's language (ADR-040).
/// </summary>
public sealed class CasesErrors
{
    private static readonly ErrorTexts Texts = new(typeof(CasesErrors));

    private CasesErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}

/// <summary>
/// The complainant's SMS texts (<c>FirMessages.resx</c> and one file per language). Each begins with
/// the force's signature ({0}): no force's name is written here.
/// </summary>
public sealed class FirMessages;
