namespace Nigehban.Web.Features.Khidmat.Pages.Console;

/// <summary>
/// Strings of the service-centre staff pages: <c>KhidmatConsoleText.resx</c> (English, the fallback)
/// and one <c>KhidmatConsoleText.&lt;language&gt;.resx</c> per translation. Kept apart from the
/// shell's <c>UiText</c> so the module owns its words.
/// </summary>
public sealed class KhidmatConsoleText;
