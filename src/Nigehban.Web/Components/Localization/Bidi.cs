using System.Buffers;

namespace Nigehban.Web.Components.Localization;

/// <summary>
/// Names and codes from the data (often Latin, often with parentheses) inside a translated sentence
/// (often right-to-left) reorder badly unless isolated. <see cref="Isolate"/> wraps a value in the
/// Unicode isolate marks, the text equivalent of &lt;bdi&gt;, for use as a format argument.
/// </summary>
public static class Bidi
{
    private const char FirstStrongIsolate = '\u2068';
    private const char LeftToRightIsolate = '\u2066';
    private const char PopDirectionalIsolate = '\u2069';
    private static readonly SearchValues<char> IsolateMarks = SearchValues.Create("\u2066\u2067\u2068\u2069");

    /// <summary>A value whose direction follows its own first letter (a name, a code).</summary>
    public static string Isolate(string? value) => FirstStrongIsolate + value + PopDirectionalIsolate;

    /// <summary>
    /// A value that must read left to right whatever surrounds it: "&lt;5", "+12%". It has no letter
    /// to take a direction from, so in a right-to-left page "&lt;5" would otherwise show as "5&gt;".
    /// </summary>
    public static string LeftToRight(string? value) => LeftToRightIsolate + value + PopDirectionalIsolate;

    /// <summary>The text without isolate marks: files (CSV, spreadsheets) carry the plain value.</summary>
    public static string Strip(string value) =>
        value.AsSpan().ContainsAny(IsolateMarks) ? string.Concat(value.Where(c => !IsolateMarks.Contains(c))) : value;
}
