namespace Nigehban.Web.Features.ServiceCentres.Pages;

/// <summary>
/// The service-centre module's strings, kept apart from the shell's <c>UiText</c>:
/// <c>ServiceCentreText.resx</c> (English, the fallback for every language) and <c>ServiceCentreText.ur.resx</c>.
/// A key missing from a translation shows in English.
/// </summary>
public sealed class ServiceCentreText;
