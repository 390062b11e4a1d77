using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Nigehban.Web.Platform.References;

/// <summary>
/// The one human-readable reference of every citizen-facing item, e.g. <c>PKM-LHR-26-004213-K</c>:
/// kind, district short code, two-digit year (force time), sequence (at least six digits) and a
/// check character over the rest (see <see cref="CheckCharacter"/>), so a mistyped reference is rejected rather
/// than matched to someone else's. See ADR-005.
/// </summary>
[JsonConverter(typeof(ReferenceNumberJsonConverter))]
public sealed record ReferenceNumber : IParsable<ReferenceNumber>
{
    public const int MinSequenceDigits = 6;
    public const int MaxSequenceDigits = 10;

    public ReferenceNumber(string kind, string district, int year, long sequence)
    {
        if (!IsKindCode(kind))
        {
            throw new ArgumentException($"A reference kind is 2-5 capital letters, not '{kind}'.", nameof(kind));
        }

        if (!IsDistrictCode(district))
        {
            throw new ArgumentException($"A district code in a reference is 2-8 capital letters or digits, not '{district}'.", nameof(district));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 99);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 9_999_999_999);
        Kind = kind;
        District = district;
        Year = year;
        Sequence = sequence;
        SequenceText = sequence.ToString(CultureInfo.InvariantCulture).PadLeft(MinSequenceDigits, '0');
        Check = CheckCharacter.Compute(string.Concat(kind, district, year.ToString("00", CultureInfo.InvariantCulture), SequenceText));
    }

    /// <summary>What the item is (<c>PKM</c> a service-centre application, say); each module declares its own.</summary>
    public string Kind { get; }

    /// <summary>The short code of the owning district (the force pack's reference unit kind).</summary>
    public string District { get; }

    /// <summary>Two-digit year in the force's time zone.</summary>
    public int Year { get; }

    public long Sequence { get; }

    public char Check { get; }

    private string SequenceText { get; }

    public override string ToString() =>
        $"{Kind}-{District}-{Year.ToString("00", CultureInfo.InvariantCulture)}-{SequenceText}-{Check}";

    public static bool IsKindCode(string? code) => code is { Length: >= 2 and <= 5 } && code.All(char.IsAsciiLetterUpper);

    public static bool IsDistrictCode(string? code) =>
        code is { Length: >= 2 and <= 8 } && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>
    /// Reads a reference as a person might type it: any case, surrounding or separating spaces,
    /// spaces instead of hyphens. Rejects anything whose check character does not match, and any
    /// sequence not written with its canonical number of digits.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out ReferenceNumber result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(s) || s.Length > 64)
        {
            return false;
        }

        var parts = s.ToUpperInvariant().Split(['-', ' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts is not [var kind, var district, var yearText, var sequenceText, [var check]])
        {
            return false;
        }

        if (!IsKindCode(kind) || !IsDistrictCode(district)
            || yearText.Length != 2 || !yearText.All(char.IsAsciiDigit)
            || sequenceText.Length is < MinSequenceDigits or > MaxSequenceDigits || !sequenceText.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sequence = long.Parse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (sequence < 1 || sequence.ToString(CultureInfo.InvariantCulture).PadLeft(MinSequenceDigits, '0') != sequenceText)
        {
            return false;
        }

        var candidate = new ReferenceNumber(kind, district, int.Parse(yearText, CultureInfo.InvariantCulture), sequence);
        if (candidate.Check != check)
        {
            return false;
        }

        result = candidate;
        return true;
    }

    public static ReferenceNumber Parse(string s) =>
        TryParse(s, out var result) ? result : throw new FormatException($"'{s}' is not a valid reference number.");

    static ReferenceNumber IParsable<ReferenceNumber>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Lets minimal APIs bind a reference from a route or query string.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ReferenceNumber result) =>
        TryParse(s, out result);
}
