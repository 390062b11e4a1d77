using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Nigehban.Web.Platform.Security;

/// <summary>
/// Short-lived tickets that stand in a link for the secret a citizen proved (a national ID, a phone),
/// so the secret never lands in browser history, proxies or server logs: the reference and the secret
/// encrypted and signed by data protection under the module's <paramref name="purpose"/>, valid for
/// <see cref="Lifetime"/>. An altered, expired or foreign ticket is refused.
/// </summary>
public abstract class SecretTickets(IDataProtectionProvider protection, string purpose)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const char Separator = '\u001f';

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    protected string Protect(string reference, string secret, TimeSpan lifetime) => _protector.Protect($"{reference}{Separator}{secret}", lifetime);

    /// <summary>The secret the ticket was issued with for <paramref name="reference"/>; null when altered, expired or for another reference.</summary>
    protected string? SecretFor(string reference, string? ticket)
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
