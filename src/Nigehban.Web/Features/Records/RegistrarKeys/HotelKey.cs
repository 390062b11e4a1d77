using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.RegistrarKeys;

/// <summary>A hotel's key (ADR-063, ADR-077): sent in <c>X-Hotel-Key</c>, <c>htl_</c> and 192 random bits, shown once; it registers that hotel's guests and reads nothing else.</summary>
public static class HotelKey
{
    public static RegistrarKeyKind Kind { get; } = new("HotelKey", "X-Hotel-Key", "htl_", Permissions.HotelGuestsRegister, "nigehban:hotel",
        "A hotel's own key, issued when the station registers the hotel (POST /api/v1/hotels) and shown once. It registers that hotel's guests and reads nothing else.");
}
