namespace Nigehban.Web.Features.Khidmat.Pages;

/// <summary>
/// The service-centre module's strings, kept apart from the shell's <c>UiText</c>:
/// <c>KhidmatText.resx</c> (English, the fallback for every language) and <c>KhidmatText.ur.resx</c>.
/// A key missing from a translation shows in English.
/// </summary>
public sealed class KhidmatText;
