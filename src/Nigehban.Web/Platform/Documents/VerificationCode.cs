using System.Security.Cryptography;
using Nigehban.Web.Platform.References;

namespace Nigehban.Web.Platform.Documents;

/// <summary>Public verification codes: 12 random characters and a check character, grouped for reading aloud.</summary>
public static class VerificationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

    public static string New()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var body = new string(chars);
        return $"{body[..4]}-{body[4..8]}-{body[8..]}{CheckCharacter.Compute(body)}";
    }

    /// <summary>Twelve characters of the alphabet and a check character (any letter or digit), separators aside: a code, whether or not the check fits.</summary>
    public static bool HasCodeShape(string? code)
    {
        var compact = Compact(code);
        return compact.Length == 13 && compact[..12].All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>Normalises case and separators; null when the check character does not match (an altered code).</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var compact = Compact(code);
        if (compact.Length != 13 || !compact[..12].All(c => Alphabet.Contains(c, StringComparison.Ordinal)) || !CheckCharacter.IsValid(compact.AsSpan(0, 12), compact[12]))
        {
            return null;
        }

        return $"{compact[..4]}-{compact[4..8]}-{compact[8..]}";
    }

    private static string Compact(string? code) =>
        new((code ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
