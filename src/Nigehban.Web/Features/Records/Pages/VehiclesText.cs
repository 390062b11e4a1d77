namespace Nigehban.Web.Features.Records.Pages;

/// <summary>Strings of the stolen-vehicle page: <c>VehiclesText.resx</c> (English) and one file per language.</summary>
public sealed class VehiclesText;
