using System.Globalization;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// The one way money is written, wherever a person reads it (portal, console, documents, messages,
/// refusals): the currency code from the force pack, a space, then the amount in the reader's
/// culture, whole amounts without decimals: "PKR 500", "RWF 12,000", "PKR 1,250.50". A Latin code
/// followed by digits reads as one left-to-right run inside right-to-left text too.
/// </summary>
public static class Money
{
    public static string Format(decimal amount, string currency, IFormatProvider? culture = null) =>
        currency + " " + amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", culture ?? CultureInfo.CurrentCulture);

    /// <summary>For refusals and logs, which are written in English whatever the reader's language.</summary>
    public static string Invariant(decimal amount, string currency) => Format(amount, currency, CultureInfo.InvariantCulture);
}
