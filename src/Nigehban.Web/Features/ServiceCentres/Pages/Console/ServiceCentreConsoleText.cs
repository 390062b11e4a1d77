namespace Nigehban.Web.Features.ServiceCentres.Pages.Console;

/// <summary>
/// Strings of the service-centre staff pages: <c>ServiceCentreConsoleText.resx</c> (English, the fallback)
/// and one <c>ServiceCentreConsoleText.&lt;language&gt;.resx</c> per translation. Kept apart from the
/// shell's <c>UiText</c> so the module owns its words.
/// </summary>
public sealed class ServiceCentreConsoleText;
