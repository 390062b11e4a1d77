using System.Security.Cryptography;
using System.Text;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <summary>
/// The code a citizen keeps to come back to her chat: twelve characters of an alphabet without
/// look-alike letters (60 random bits), shown as <c>ABCD-EFGH-JKMN</c>. Only its SHA-256 is stored;
/// typed back, case, spaces and hyphens do not matter, and O / I / L read as 0 / 1 / 1.
/// </summary>
public static class ResumeCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 12;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var code = new string(chars);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>The stored hash of a typed code, or null when the text cannot be a code (answered like an unknown code).</summary>
    public static string? HashOf(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var normal = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            var mapped = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (c is '-' or ' ')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            normal.Append(mapped);
        }

        return normal.Length == Length ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal.ToString()))) : null;
    }
}
