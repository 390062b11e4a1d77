using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Nigehban.Web.Features.FrontDesk.ComplaintReceipt;

/// <summary>
/// The portal's receipt links carry a ticket instead of the complainant's phone, so the phone never
/// lands in browser history, proxies or logs: the reference and phone encrypted and signed by data
/// protection, valid for <see cref="Lifetime"/>; an altered, expired or foreign ticket is refused.
/// </summary>
public sealed class ReceiptTickets(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const char Separator = '\u001f';

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Nigehban.FrontDesk.ComplaintReceipt").ToTimeLimitedDataProtector();

    public string Issue(string reference, string phone) => _protector.Protect($"{reference.ToUpperInvariant()}{Separator}{phone}", Lifetime);

    /// <summary>The phone the ticket was issued with for <paramref name="reference"/>; null when altered, expired or for another reference.</summary>
    public string? PhoneFor(string reference, string? ticket)
    {
        if (string.IsNullOrWhiteSpace(ticket) || ticket.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(ticket).Split(Separator);
            return parts.Length == 2 && string.Equals(parts[0], reference.Trim(), StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
