using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// What makes two submissions under one Idempotency-Key the same request: a hash of every validated
/// field after normalisation. Each part is length-prefixed, so no two different requests concatenate
/// alike, and a missing part differs from an empty one.
/// </summary>
public static class IdempotentRequest
{
    public static string Hash(params string?[] parts)
    {
        var canonical = new StringBuilder();
        foreach (var part in parts)
        {
            canonical.Append(part is null ? "-1" : part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
