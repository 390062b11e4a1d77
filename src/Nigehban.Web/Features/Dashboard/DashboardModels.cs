using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nigehban.Web.Features.Dashboard;

public enum SeriesInterval
{
    Day,
    Week,
    Month,
}

/// <summary>The metrics of one unit over [From, To] (both inclusive, force-local days), with its direct sub-units.</summary>
public sealed record DashboardSummary(string Unit, string Name, string Kind, DateOnly From, DateOnly To,
    IReadOnlyDictionary<string, MetricValue> Metrics, IReadOnlyList<ChildSummary> Children);

public sealed record ChildSummary(string Unit, string Name, string Kind, IReadOnlyDictionary<string, MetricValue> Metrics);

/// <summary>
/// A metric's value. <see cref="Suppressed"/> means no figure is given: a small cell (1–4), shown and
/// written in JSON as "&lt;5", or, with <see cref="IsComplement"/>, a larger cell hidden so that a small one
/// beside it cannot be worked out from the total, written as "hidden" (ADR-073).
/// </summary>
[JsonConverter(typeof(MetricValueJsonConverter))]
public readonly record struct MetricValue(double? Value, bool Suppressed, bool IsComplement = false)
{
    public const string SuppressedText = "<5";
    public const string ComplementText = "hidden";

    public static MetricValue Complementary => new(null, true, true);

    public override string ToString() =>
        IsComplement ? ComplementText : Suppressed ? SuppressedText : Value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

public sealed record DashboardSeries(string Unit, DateOnly From, DateOnly To, SeriesInterval Interval, IReadOnlyList<SeriesPoint> Points);

/// <summary>One bucket of a series: its first day, and the metrics over the bucket clipped to the series' range.</summary>
public sealed record SeriesPoint(DateOnly Start, IReadOnlyDictionary<string, MetricValue> Metrics);

/// <summary>The units of a module's set (e.g. protection centres) within <see cref="Unit"/>, each with the set's metrics.</summary>
public sealed record DashboardUnitSet(string Unit, string Set, DateOnly From, DateOnly To, IReadOnlyList<string> Metrics, IReadOnlyList<UnitSetRow> Rows);

/// <summary>One unit of a set: its code, its name in the set's pack, the kind the module gives it, and its figures.</summary>
public sealed record UnitSetRow(string Unit, string Name, string Kind, IReadOnlyDictionary<string, MetricValue> Metrics);

public sealed record BreakdownRow(string Dimension, MetricValue Value);

/// <summary>One record: reference, unit, dimension value (e.g. service), status, the instant it counts at, and its console page.</summary>
public sealed record DashboardRecord(string Reference, string Unit, string? Dimension, string Status, DateTimeOffset At, string? Page);

/// <summary>A number, null, the string "&lt;5" for a suppressed small cell, or "hidden" for its complement.</summary>
public sealed class MetricValueJsonConverter : JsonConverter<MetricValue>
{
    public override MetricValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => new MetricValue(null, false),
        JsonTokenType.String when reader.GetString() == MetricValue.SuppressedText => new MetricValue(null, true),
        JsonTokenType.String when reader.GetString() == MetricValue.ComplementText => MetricValue.Complementary,
        JsonTokenType.Number => new MetricValue(reader.GetDouble(), false),
        _ => throw new JsonException("A metric value is a number, null or \"<5\"."),
    };

    public override void Write(Utf8JsonWriter writer, MetricValue value, JsonSerializerOptions options)
    {
        if (value.Suppressed)
        {
            writer.WriteStringValue(value.IsComplement ? MetricValue.ComplementText : MetricValue.SuppressedText);
        }
        else if (value.Value is { } number)
        {
            // Averages and percentages are rounded for display; counts stay whole.
            writer.WriteNumberValue(Math.Round(number, 2));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
