namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>
/// Strings of the dashboard pages: <c>DashboardText.resx</c> (English, the fallback) and one
/// <c>DashboardText.&lt;language&gt;.resx</c> per translation. A metric's label is <c>Metric.&lt;key&gt;</c>;
/// a metric without one shows its catalogue description, so a new module's metric still reads.
/// </summary>
public sealed class DashboardText;
