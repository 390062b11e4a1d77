using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.RegistrarKeys;

/// <summary>A transport terminal's key (ADR-077): sent in <c>X-Terminal-Key</c>; it registers that terminal's travellers and reads nothing else.</summary>
public static class TerminalKey
{
    public static RegistrarKeyKind Kind { get; } = new("TerminalKey", "X-Terminal-Key", "trm_", Permissions.TerminalTravellersRegister, "nigehban:terminal",
        "A transport terminal's own key, issued when the station registers the terminal (POST /api/v1/terminals) and shown once. "
        + "It registers that terminal's travellers and reads nothing else.");
}
