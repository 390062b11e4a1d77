using MudBlazor;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Components.Layout;

/// <summary>
/// The console's look: police navy with a gold accent, system fonts only (no web fonts: the app
/// works offline), and a Nastaliq face for Urdu where the machine has one.
/// </summary>
public static class ConsoleTheme
{
    private static readonly string[] LatinFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "sans-serif"];
    // Nastaliq faces carry no Latin: names and codes inside Urdu text fall through to the sans faces.
    private static readonly string[] UrduFonts = ["Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Urdu Typesetting", "system-ui", "Segoe UI", "Noto Sans", "Noto Naskh Arabic", "sans-serif"];
    private static readonly string[] ArabicScriptFonts = ["Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "Noto Sans", "sans-serif"];

    private static readonly MudTheme Latin = Build(LatinFonts);
    private static readonly MudTheme Urdu = Build(UrduFonts);
    private static readonly MudTheme ArabicScript = Build(ArabicScriptFonts);

    public static MudTheme For(ForceLanguage language) =>
        language.Code == "ur" ? Urdu : language.RightToLeft ? ArabicScript : Latin;

    private static MudTheme Build(string[] fonts)
    {
        var theme = new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = "#12355b",
                PrimaryDarken = "#0c2742",
                PrimaryLighten = "#2a5585",
                // Secondary, Tertiary, Info, Success and Warning are dark enough for white text on them and for them as text on white or
                // their own tint (WCAG 1.4.3, 4.5:1).
                Secondary = "#8a6914",
                Tertiary = "#1b6b4f",
                Info = "#1a5f9a",
                Success = "#276b2b",
                Warning = "#965a00",
                Error = "#b3261e",
                AppbarBackground = "#0f2a47",
                AppbarText = "#ffffff",
                Background = "#f3f5f8",
                BackgroundGray = "#e9edf2",
                Surface = "#ffffff",
                DrawerBackground = "#ffffff",
                DrawerText = "#1b2430",
                DrawerIcon = "#3d4b5c",
                TextPrimary = "#1b2430",
                TextSecondary = "#4f5d6e",
                ActionDefault = "#3d4b5c",
                LinesDefault = "#dde3ea",
                TableLines = "#e6ebf0",
                Divider = "#dde3ea",
            },
            LayoutProperties = new LayoutProperties
            {
                DefaultBorderRadius = "8px",
                DrawerWidthLeft = "264px",
                DrawerWidthRight = "264px",
                AppbarHeight = "64px",
            },
        };
        foreach (var style in new BaseTypography[]
                 {
                     theme.Typography.Default, theme.Typography.H1, theme.Typography.H2, theme.Typography.H3, theme.Typography.H4,
                     theme.Typography.H5, theme.Typography.H6, theme.Typography.Subtitle1, theme.Typography.Subtitle2,
                     theme.Typography.Body1, theme.Typography.Body2, theme.Typography.Button, theme.Typography.Caption, theme.Typography.Overline,
                 })
        {
            style.FontFamily = fonts;
        }

        theme.Typography.Button.TextTransform = "none";
        theme.Typography.Button.FontWeight = "600";
        theme.Typography.H4.FontWeight = "600";
        theme.Typography.H5.FontWeight = "600";
        theme.Typography.H6.FontWeight = "600";
        return theme;
    }
}
