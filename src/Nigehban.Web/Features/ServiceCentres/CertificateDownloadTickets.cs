using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// The portal's certificate link carries a ticket instead of the citizen's national ID, so the ID never
/// lands in browser history, proxies or server logs. The ticket is the reference and ID pair encrypted
/// and signed by data protection, valid for <see cref="Lifetime"/>; an altered or expired one is refused.
/// </summary>
public sealed class CertificateDownloadTickets(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const char Separator = '\u001f';

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Nigehban.ServiceCentres.CertificateDownload").ToTimeLimitedDataProtector();

    public string Issue(string reference, string nationalId) => Issue(reference, nationalId, Lifetime);

    internal string Issue(string reference, string nationalId, TimeSpan lifetime) =>
        _protector.Protect($"{reference}{Separator}{nationalId}", lifetime);

    /// <summary>The national ID the ticket was issued with for <paramref name="reference"/>; null when altered, expired or for another reference.</summary>
    public string? NationalIdFor(string reference, string? ticket)
    {
        if (string.IsNullOrWhiteSpace(ticket) || ticket.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(ticket).Split(Separator);
            return parts.Length == 2 && string.Equals(parts[0], reference, StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
