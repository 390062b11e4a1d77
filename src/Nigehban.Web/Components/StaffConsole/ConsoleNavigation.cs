namespace Nigehban.Web.Components.StaffConsole;

public enum ConsoleNavSection
{
    Overview,
    Work,
    Administration,
    Public,
}

/// <summary>
/// One entry of the console's drawer, registered by the module that owns the page (see
/// <c>UiModule.AddConsoleNavigation</c>). <paramref name="TextKey"/> is a key of the UI strings;
/// <paramref name="StaticPage"/> marks pages outside the console that need a full page load.
/// </summary>
public sealed record ConsoleNavItem(
    string Href,
    string TextKey,
    string Icon,
    string Permission,
    ConsoleNavSection Section,
    bool ExactMatch = false,
    bool StaticPage = false);
