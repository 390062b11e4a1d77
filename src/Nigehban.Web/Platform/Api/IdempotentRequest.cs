using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// What every write taking an Idempotency-Key shares (ADR-013): the key's length limit; what makes
/// two submissions under one key the same request, a hash of every validated field after
/// normalisation; and the answer to a repeat, the first request's own answer, or 422 when the key
/// was used for a different request.
/// </summary>
public static class IdempotentRequest
{
    public const string Header = "Idempotency-Key";

    /// <summary>The length of the columns that store a key.</summary>
    public const int MaxKeyLength = 100;

    /// <summary>The key as sent, or a 400 naming the header when it is longer than <paramref name="maxLength"/>.</summary>
    public static string? CheckKey(string? key, int maxLength = MaxKeyLength) => key is { Length: var length } && length > maxLength
        ? throw new ValidationFailedException(Header, ApiErrors.Text("IdempotencyKey.TooLong", maxLength))
        : key;

    /// <summary>
    /// The first request's answer when this one hashes alike; a 422 naming the header when the key
    /// was used for a different request. The first answer is built only when it is given.
    /// </summary>
    public static T Replay<T>(string? firstRequestHash, string? requestHash, Func<T> firstAnswer) =>
        requestHash is not null && string.Equals(firstRequestHash, requestHash, StringComparison.Ordinal)
            ? firstAnswer()
            : throw Reused();

    /// <summary>The 422 for a key sent again with a different request.</summary>
    public static UnprocessableException Reused() => new(Header, ApiErrors.Text("IdempotencyKey.Reused"));

    /// <summary>Each part length-prefixed, so no two different requests concatenate alike, and a missing part differs from an empty one.</summary>
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
