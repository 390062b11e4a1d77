namespace Nigehban.Web.Features.Records.Pages;

/// <summary>Strings of the transport terminal's own page: <c>TerminalText.resx</c> (English) and one file per language.</summary>
public sealed class TerminalText;
