using Microsoft.AspNetCore.DataProtection;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk.ComplaintReceipt;

/// <summary>The portal's receipt links carry a ticket (<see cref="SecretTickets"/>) instead of the complainant's phone.</summary>
public sealed class ReceiptTickets(IDataProtectionProvider protection)
    : SecretTickets(protection, "Nigehban.FrontDesk.ComplaintReceipt")
{
    public string Issue(string reference, string phone) => Protect(reference.ToUpperInvariant(), phone, Lifetime);

    /// <summary>The phone the ticket was issued with for <paramref name="reference"/>; null when altered, expired or for another reference.</summary>
    public string? PhoneFor(string reference, string? ticket) => SecretFor(reference.Trim(), ticket);
}
