using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nigehban.Web.Platform.Sla;

public enum DeadlineUnit
{
    /// <summary>Hours around the clock, whatever the calendar says.</summary>
    Hours,

    /// <summary>Working days on the force's calendar (see <see cref="DeadlineCalculator"/> for the rule).</summary>
    WorkingDays,
}

/// <summary>
/// A service-level deadline as a force pack writes it: <c>"24h"</c> (hours around the clock) or
/// <c>"5wd"</c> (working days). Reads from and writes to JSON as that string.
/// </summary>
[JsonConverter(typeof(DeadlineJsonConverter))]
public sealed record Deadline : IParsable<Deadline>
{
    /// <summary>A year either way: anything longer is a typing mistake in a pack, not an SLA.</summary>
    public const int MaxHours = 24 * 366;
    public const int MaxWorkingDays = 366;

    public Deadline(int amount, DeadlineUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, unit == DeadlineUnit.Hours ? MaxHours : MaxWorkingDays);
        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public DeadlineUnit Unit { get; }

    public static Deadline Hours(int hours) => new(hours, DeadlineUnit.Hours);

    public static Deadline WorkingDays(int days) => new(days, DeadlineUnit.WorkingDays);

    public override string ToString() =>
        Amount.ToString(CultureInfo.InvariantCulture) + (Unit == DeadlineUnit.Hours ? "h" : "wd");

    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out Deadline result)
    {
        result = null;
        var text = s?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var (digits, unit) = text.EndsWith("wd", StringComparison.Ordinal) ? (text[..^2], DeadlineUnit.WorkingDays)
            : text.EndsWith('h') ? (text[..^1], DeadlineUnit.Hours)
            : (string.Empty, DeadlineUnit.Hours);
        digits = digits.TrimEnd();
        if (digits.Length is 0 or > 5 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var amount = int.Parse(digits, CultureInfo.InvariantCulture);
        if (amount < 1 || amount > (unit == DeadlineUnit.Hours ? MaxHours : MaxWorkingDays))
        {
            return false;
        }

        result = new Deadline(amount, unit);
        return true;
    }

    public static Deadline Parse(string s) =>
        TryParse(s, out var result) ? result : throw new FormatException($"'{s}' is not a deadline: write hours as \"24h\" or working days as \"5wd\".");

    static Deadline IParsable<Deadline>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Deadline>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Deadline result) =>
        TryParse(s, out result);
}

public sealed class DeadlineJsonConverter : JsonConverter<Deadline>
{
    public override Deadline Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Deadline.TryParse(text, out var deadline)
            ? deadline
            : throw new JsonException($"'{text}' is not a deadline: write hours as \"24h\" or working days as \"5wd\".");
    }

    public override void Write(Utf8JsonWriter writer, Deadline value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
