namespace Nigehban.Web.Features.FrontDesk.Pages;

/// <summary>
/// The front desk's page strings: <c>FrontDeskText.resx</c> (English, the fallback) and one file per
/// language of the packs (ur, rw, fr).
/// </summary>
public sealed class FrontDeskText;
