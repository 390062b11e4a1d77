using System.Globalization;
using System.Text.RegularExpressions;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// Everything that makes one police force different from another, loaded from <c>forces/&lt;name&gt;/</c>.
/// The code reads the force only through this type: nothing force-specific is compiled in.
/// </summary>
public sealed class ForcePack
{
    public required string Code { get; init; }
    public required string Name { get; init; }

    /// <summary>The force's name in its other languages (<c>names</c> in force.json), by language code.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = LocalNames.None;

    /// <summary>The force's name in the reader's language; <see cref="Name"/> where the pack gives none.</summary>
    public string LocalName => LocalNames.Pick(Names, Name, CultureInfo.CurrentUICulture);
    public required string Folder { get; init; }
    public required TimeZoneInfo TimeZone { get; init; }
    public required IReadOnlyList<ForceLanguage> Languages { get; init; }
    public required IReadOnlyList<string> UnitKinds { get; init; }

    /// <summary>The unit kind whose short code appears in reference numbers (Punjab: district).</summary>
    public required string ReferenceUnitKind { get; init; }

    /// <summary>The kind of unit where the public is served and records are owned (Punjab: station).</summary>
    public required string StationUnitKind { get; init; }

    public required NationalIdRule NationalId { get; init; }
    public required WorkingCalendar Calendar { get; init; }
    public required IReadOnlyList<UnitDefinition> Units { get; init; }
    public required string Currency { get; init; }

    /// <summary>Simplified district outlines for the dashboard map (optional <c>boundaries.json</c>); null draws no map.</summary>
    public DistrictBoundaries? Boundaries { get; init; }

    /// <summary>The name that signs messages to citizens, per language (<c>messageSignature</c> in force.json).</summary>
    public required IReadOnlyDictionary<string, string> MessageSignature { get; init; }

    /// <summary>
    /// What the force calls the parent by whom people are told apart ("Father's name"), per language
    /// (<c>parentage</c> in force.json); empty when the pack says nothing, and pages then say "parent's name".
    /// </summary>
    public IReadOnlyDictionary<string, string> Parentage { get; init; } = LocalNames.None;

    /// <summary>The pack's word for the parent in the reader's language, or <paramref name="fallback"/>.</summary>
    public string ParentageOr(string fallback) => LocalNames.Pick(Parentage, fallback, CultureInfo.CurrentUICulture);

    public string DefaultLanguage => Languages[0].Code;

    /// <summary>The pack's signature in <paramref name="language"/>, else in its default language, else its name.</summary>
    public string SignatureIn(string? language) =>
        language is not null && MessageSignature.TryGetValue(language, out var signature) ? signature
        : MessageSignature.TryGetValue(DefaultLanguage, out var fallback) ? fallback
        : MessageSignature.Values.FirstOrDefault() ?? Name;

    /// <summary>The pack's language matching <paramref name="code"/> (any case), or null when the force does not speak it.</summary>
    public ForceLanguage? FindLanguage(string? code) =>
        Languages.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));
}

public sealed record ForceLanguage(string Code, string Name, bool RightToLeft);

/// <summary>One node of the force's hierarchy as the pack declares it.</summary>
public sealed record UnitDefinition(string Code, string Name, string Kind, string? ParentCode, string? ShortCode, int Line)
{
    public static readonly IReadOnlyDictionary<string, string> NoTranslations = LocalNames.None;

    /// <summary>The name in the pack's other languages (the <c>name_ur</c>, <c>name_rw</c> … columns), by language code.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = NoTranslations;
}

/// <summary>
/// The force's national identity number: how it is written, how it is normalised for storage and
/// how it is shown. Punjab's CNIC and Rwanda's 16-digit ID are two instances of this one rule.
/// </summary>
public sealed class NationalIdRule
{
    private readonly Regex _accepted;
    private readonly Regex _normalised;

    public NationalIdRule(string name, string acceptedPattern, string normalisedPattern, string displayMask, string example)
    {
        Name = name;
        AcceptedPattern = acceptedPattern;
        NormalisedPattern = normalisedPattern;
        DisplayMask = displayMask;
        Example = example;
        // The limit guards against a pack pattern that backtracks without end. It is wall-clock time:
        // at 100 ms a busy machine that merely paused the thread failed valid submissions (500s in the
        // bench at load average 20), so it is a second. Inputs are cut at MaxInputLength first.
        _accepted = new Regex(acceptedPattern, RegexOptions.CultureInvariant, MatchTimeout);
        _normalised = new Regex(normalisedPattern, RegexOptions.CultureInvariant, MatchTimeout);
    }

    /// <summary>Longer input is no national ID of any force and is refused before any pattern runs.</summary>
    public const int MaxInputLength = 64;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The ID's name in the pack's default language ("CNIC", "National ID").</summary>
    public string Name { get; }

    /// <summary>The ID's name in the pack's other languages (<c>nationalId.names</c> in force.json), by language code.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = LocalNames.None;

    /// <summary>The ID's name in the reader's language; <see cref="Name"/> where the pack gives none.</summary>
    public string LocalName => LocalNames.Pick(Names, Name, CultureInfo.CurrentUICulture);

    public string AcceptedPattern { get; }
    public string NormalisedPattern { get; }
    public string DisplayMask { get; }
    public string Example { get; }

    /// <summary>Returns the stored form (separators removed) or null when the input is not a valid ID.</summary>
    public string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var trimmed = WesternDigits(input.Trim());
        if (trimmed.Length > MaxInputLength || !_accepted.IsMatch(trimmed))
        {
            return null;
        }

        var compact = new string(trimmed.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return _normalised.IsMatch(compact) ? compact : null;
    }

    /// <summary>
    /// Digits of any script (Urdu and Arabic-Indic keyboards type ۳۵۲۰۲ or ٣٥٢٠٢) become 0-9, and invisible
    /// direction marks pasted along with right-to-left text are dropped, before the pack's patterns run.
    /// </summary>
    private static string WesternDigits(string input)
    {
        if (input.All(char.IsAscii))
        {
            return input;
        }

        var text = new System.Text.StringBuilder(input.Length);
        foreach (var c in input)
        {
            var digit = System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit >= 0)
            {
                text.Append((char)('0' + digit));
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>Formats a stored ID with the force's mask, where '#' takes the next character.</summary>
    public string Format(string normalised)
    {
        var chars = new System.Text.StringBuilder(DisplayMask.Length);
        var i = 0;
        foreach (var m in DisplayMask)
        {
            if (m == '#')
            {
                if (i >= normalised.Length)
                {
                    break;
                }

                chars.Append(normalised[i++]);
            }
            else
            {
                chars.Append(m);
            }
        }

        if (i < normalised.Length)
        {
            chars.Append(normalised.AsSpan(i));
        }

        return chars.ToString();
    }
}
