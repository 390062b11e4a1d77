namespace Nigehban.Web.Features.Records.Pages;

/// <summary>
/// Strings of the person pages: <c>RecordsText.resx</c> (English, the fallback) and one
/// <c>RecordsText.&lt;language&gt;.resx</c> per translation, owned by the module.
/// </summary>
public sealed class RecordsText;
