namespace Nigehban.Web.Features.Cases.Pages;

/// <summary>
/// Strings of the FIR pages: <c>CasesText.resx</c> (English, the fallback) and one
/// <c>CasesText.&lt;language&gt;.resx</c> per translation, owned by the module.
/// </summary>
public sealed class CasesText;
