namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// The texts of the citizen's SMS and email (<c>ServiceRequestMessages.resx</c> and one file per
/// language). Each begins with the force's signature: no force's name is written here.
/// </summary>
public sealed class ServiceRequestMessages;
