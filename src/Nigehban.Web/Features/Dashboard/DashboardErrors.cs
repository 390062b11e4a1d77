using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// What the dashboard handlers refuse a request with (<c>DashboardErrors.resx</c> and one file per language),
/// in the reader's language (ADR-040).
/// </summary>
public sealed class DashboardErrors
{
    private static readonly ErrorTexts Texts = new(typeof(DashboardErrors));

    private DashboardErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
