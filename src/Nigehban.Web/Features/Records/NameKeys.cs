using System.Globalization;
using System.Text;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// The search key of a name (ADR-058): every part of the name reduced to how it sounds, so that the
/// spellings one name is written in (Muhammad, Mohammad, Muhammed; Ch. and Chaudhry; the same name in
/// Urdu letters) give one key. Letters of other scripts are written in Latin letters with the pack's
/// table, abbreviations are expanded, the pack's spellings folded; then, in any language: a part's
/// leading vowels become one A, its other vowels (and Y, W, which names spell as vowels) and a final
/// H go, and doubled letters become one. The key lists the parts, each between spaces, so a search
/// for some parts matches a stored name containing each of them as a whole part.
/// </summary>
public sealed class NameKeys(RecordsPack pack)
{
    /// <summary>Longest key stored; a longer name is cut at a part boundary.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The key of <paramref name="name"/>: its parts' keys in order, each followed by a space, the whole led by one.</summary>
    public string KeyOf(string? name)
    {
        var builder = new StringBuilder(" ");
        foreach (var part in PartsOf(name))
        {
            if (builder.Length + part.Length + 1 > MaxKeyLength)
            {
                break;
            }

            builder.Append(part).Append(' ');
        }

        return builder.ToString();
    }

    /// <summary>The distinct part keys of <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> PartsOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var parts = new List<string>();
        foreach (var word in Words(name))
        {
            var expanded = pack.Honorifics.TryGetValue(word, out var full) ? full : word;
            foreach (var piece in expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Fold(piece);
                if (key.Length > 0 && !parts.Contains(key))
                {
                    parts.Add(key);
                }
            }
        }

        return parts;
    }

    /// <summary>The name's words in upper-case Latin letters: other scripts transliterated, accents and marks dropped.</summary>
    private IEnumerable<string> Words(string name)
    {
        var word = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (pack.Transliteration.TryGetValue(c, out var latin))
            {
                word.Append(latin);
            }
            else if (char.IsAsciiLetter(c))
            {
                word.Append(char.ToUpperInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format || c is '\'' or '’' or '`')
            {
                // Accents, vowel marks, direction marks and apostrophes belong to the word around them.
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private string Fold(string word)
    {
        foreach (var (from, to) in pack.Spellings)
        {
            word = word.Replace(from, to, StringComparison.Ordinal);
        }

        if (word.Length > 2 && word[^1] == 'H')
        {
            word = word[..^1];
        }

        var key = new StringBuilder(word.Length);
        var i = 0;
        if (word.Length > 0 && IsVowel(word[0]))
        {
            key.Append('A');
            while (i < word.Length && IsVowel(word[i]))
            {
                i++;
            }
        }

        for (; i < word.Length; i++)
        {
            var c = word[i];
            if (!IsVowel(c) && (key.Length == 0 || key[^1] != c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y' or 'W';
}
