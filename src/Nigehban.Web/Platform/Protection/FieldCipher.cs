using System.Security.Cryptography;
using System.Text;

namespace Nigehban.Web.Platform.Protection;

/// <summary>A ciphertext that does not open: altered, moved to another record or field, or sealed with a key this ring lacks.</summary>
public sealed class FieldCipherException(string message) : Exception(message);

/// <summary>
/// Field-level encryption for protected data (mechanism 10, ADR-060): AES-256-GCM, one fresh nonce
/// per value, the current key of <see cref="FieldKeyRing"/>. A sealed value reads
/// <c>f1:&lt;key id&gt;:&lt;base64 of nonce, tag and ciphertext&gt;</c>. The caller names a context
/// (record and field, <c>protection-case/{id}/name</c>) that is authenticated with the value, so
/// a ciphertext copied into another row or field does not open. Any module may use it; none stores
/// the plaintext it seals.
/// </summary>
public sealed class FieldCipher(FieldKeyRing keys)
{
    private const string Version = "f1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Seal(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentException.ThrowIfNullOrEmpty(context);
        var (id, key) = keys.Current;
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + TagSize + clear.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        CryptographicOperations.ZeroMemory(clear);
        return $"{Version}:{id}:{Convert.ToBase64String(blob)}";
    }

    public string? SealOptional(string? plaintext, string context) => plaintext is null ? null : Seal(plaintext, context);

    public string Open(string sealedValue, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        var parts = sealedValue.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new FieldCipherException("Not a sealed field value.");
        }

        var key = keys.Find(parts[1]) ?? throw new FieldCipherException($"The key '{parts[1]}' a field was sealed with is not in the key file.");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new FieldCipherException("A sealed field value is damaged.");
        }

        if (blob.Length < NonceSize + TagSize)
        {
            throw new FieldCipherException("A sealed field value is damaged.");
        }

        var clear = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), clear, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new FieldCipherException("A sealed field value does not open: it was altered, or belongs to another record or field.");
        }

        return Encoding.UTF8.GetString(clear);
    }

    public string? OpenOptional(string? sealedValue, string context) => sealedValue is null ? null : Open(sealedValue, context);

    /// <summary>The id of the key a value was sealed with (for re-sealing after a rotation).</summary>
    public static string? KeyIdOf(string? sealedValue) =>
        sealedValue?.Split(':', 3) is [Version, var id, _] ? id : null;
}
