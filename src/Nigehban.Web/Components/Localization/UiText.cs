namespace Nigehban.Web.Components.Localization;

/// <summary>
/// The shell's strings: <c>UiText.resx</c> (English, the fallback for every language) and one
/// <c>UiText.&lt;language&gt;.resx</c> per translation. A key missing from a translation shows in English.
/// </summary>
public sealed class UiText;
