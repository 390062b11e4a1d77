namespace Nigehban.Web.Components.Localization;

/// <summary>
/// Names and codes from the data (often Latin, often with parentheses) inside a translated sentence
/// (often right-to-left) reorder badly unless isolated. This wraps a value in the Unicode isolate
/// marks, the text equivalent of &lt;bdi&gt;, for use as a format argument.
/// </summary>
public static class Bidi
{
    public static string Isolate(string? value) => "\u2068" + value + "\u2069";
}
