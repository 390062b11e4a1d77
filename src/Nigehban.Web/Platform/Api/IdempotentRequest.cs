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

    /// <summary>The header that tells a client its request was answered with the first one's answer.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The length of a batch's key: each row stores it with "#row" after it, in the column every key shares.</summary>
    public const int MaxBatchKeyLength = MaxKeyLength - 20;

    /// <summary>
    /// The key as the handler keeps it: trimmed, none when blank; a 400 naming the header when it is
    /// longer than <paramref name="maxLength"/>.
    /// </summary>
    public static string? CheckKey(string? key, int maxLength = MaxKeyLength)
    {
        var trimmed = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        return trimmed is { Length: var length } && length > maxLength
            ? throw new ValidationFailedException(Header, ApiErrors.Text("IdempotencyKey.TooLong", maxLength))
            : trimmed;
    }

    /// <summary>The key a batch's row <paramref name="row"/> is stored under, or none without a key.</summary>
    public static string? RowKey(string? batchKey, int row) =>
        batchKey is null ? null : string.Create(CultureInfo.InvariantCulture, $"{batchKey}#{row}");

    /// <summary>Says so in <see cref="ReplayedHeader"/> when the answer is the first request's.</summary>
    public static void TellIfReplayed(HttpResponse response, bool replayed)
    {
        if (replayed)
        {
            response.Headers[ReplayedHeader] = "true";
        }
    }

    /// <summary>
    /// The first request's answer when this one hashes alike; a 422 naming the header when the key
    /// was used for a different request. The first answer is built only when it is given.
    /// </summary>
    public static T Replay<T>(string? firstRequestHash, string? requestHash, Func<T> firstAnswer) =>
        requestHash is not null && string.Equals(firstRequestHash, requestHash, StringComparison.Ordinal)
            ? firstAnswer()
            : throw Reused();

    /// <summary>
    /// A batch sent again under its key: the first batch's answer when it stored as many rows, each
    /// under a row key of this batch with the same request hash; a 422 naming the header otherwise.
    /// </summary>
    public static T ReplayBatch<T>(IReadOnlyCollection<(string? Key, string? Hash)> sent, IReadOnlyCollection<(string? Key, string? Hash)> first, Func<T> firstAnswer)
    {
        var hashes = sent.Where(s => s.Key is not null).ToDictionary(s => s.Key!, s => s.Hash, StringComparer.Ordinal);
        return first.Count == sent.Count && first.All(f => f.Key is not null && hashes.TryGetValue(f.Key, out var hash) && hash == f.Hash)
            ? firstAnswer()
            : throw Reused();
    }

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
