using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.HotelKeys;

/// <summary>A hotel's API key (ADR-063), a registrar key of its own kind (ADR-077): <c>htl_</c> and 192 random bits, shown once.</summary>
public static class HotelKey
{
    public const string Prefix = "htl_";

    public static RegistrarKeyKind Kind { get; } = new(HotelKeyAuthenticationHandler.SchemeName, HotelKeyAuthenticationHandler.Header, Prefix,
        Permissions.HotelGuestsRegister, HotelKeyAuthenticationHandler.HotelClaim,
        "A hotel's own key, issued when the station registers the hotel (POST /api/v1/hotels) and shown once. It registers that hotel's guests and reads nothing else.");

    public static string NewKey() => Kind.NewKey();

    public static string HashOf(string key) => RegistrarKeyKind.HashOf(key);

    public static string HintOf(string key) => Kind.HintOf(key);
}

/// <summary>
/// The hotel's sign-in by its key (header <see cref="Header"/>), served by the registrar key scheme: the
/// principal is the hotel, with one permission, registering its own guests, and no unit.
/// </summary>
public static class HotelKeyAuthenticationHandler
{
    public const string SchemeName = "HotelKey";
    public const string Header = "X-Hotel-Key";
    public const string HotelClaim = "nigehban:hotel";

    /// <summary>The hotel a request was signed in with, or null for anyone else.</summary>
    public static Guid? HotelOf(CurrentUser user) => HotelKey.Kind.RegistrarOf(user);
}
