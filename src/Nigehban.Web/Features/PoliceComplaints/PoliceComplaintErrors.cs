using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>
/// What the complaint centre's handlers and rules refuse a request with (<c>PoliceComplaintErrors.resx</c>
/// and one file per language), in the reader's language (ADR-040).
/// </summary>
public sealed class PoliceComplaintErrors
{
    private static readonly ErrorTexts Texts = new(typeof(PoliceComplaintErrors));

    private PoliceComplaintErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
