namespace Nigehban.Web.Features.FrontDesk.Pages.Console;

/// <summary>
/// The strings of the front desk's staff pages: <c>FrontDeskConsoleText.resx</c> (English, the
/// fallback) and one file per language of the packs (ur, rw, fr).
/// </summary>
public sealed class FrontDeskConsoleText;
