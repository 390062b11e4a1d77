namespace Nigehban.Web.Features.Records.Pages;

/// <summary>Strings of the desk's employee registration page: <c>EmployeesText.resx</c> (English) and one file per language.</summary>
public sealed class EmployeesText;
