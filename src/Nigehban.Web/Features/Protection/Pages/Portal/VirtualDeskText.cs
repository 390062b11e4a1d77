namespace Nigehban.Web.Features.Protection.Pages.Portal;

/// <summary>The strings of the citizen's chat page: <c>VirtualDeskText.resx</c> (English, the fallback) and one file per language of the packs.</summary>
public sealed class VirtualDeskText;
