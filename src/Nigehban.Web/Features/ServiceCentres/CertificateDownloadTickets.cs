using Microsoft.AspNetCore.DataProtection;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>The portal's certificate link carries a ticket (<see cref="SecretTickets"/>) instead of the citizen's national ID.</summary>
public sealed class CertificateDownloadTickets(IDataProtectionProvider protection)
    : SecretTickets(protection, "Nigehban.ServiceCentres.CertificateDownload")
{
    public string Issue(string reference, string nationalId) => Issue(reference, nationalId, Lifetime);

    internal string Issue(string reference, string nationalId, TimeSpan lifetime) => Protect(reference, nationalId, lifetime);

    /// <summary>The national ID the ticket was issued with for <paramref name="reference"/>; null when altered, expired or for another reference.</summary>
    public string? NationalIdFor(string reference, string? ticket) => SecretFor(reference, ticket);
}
