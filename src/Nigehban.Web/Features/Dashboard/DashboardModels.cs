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

/// <summary>A metric's value; <see cref="Suppressed"/> means a small cell (1–4) that is shown, and written in JSON, as "&lt;5".</summary>
[JsonConverter(typeof(MetricValueJsonConverter))]
public readonly record struct MetricValue(double? Value, bool Suppressed)
{
    public const string SuppressedText = "<5";

    public override string ToString() =>
        Suppressed ? SuppressedText : Value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

public sealed record DashboardSeries(string Unit, DateOnly From, DateOnly To, SeriesInterval Interval, IReadOnlyList<SeriesPoint> Points);

/// <summary>One bucket of a series: its first day, and the metrics over the bucket clipped to the series' range.</summary>
public sealed record SeriesPoint(DateOnly Start, IReadOnlyDictionary<string, MetricValue> Metrics);

public sealed record BreakdownRow(string Dimension, MetricValue Value);

/// <summary>One record: reference, unit, dimension value (e.g. service), status, the instant it counts at, and its console page.</summary>
public sealed record DashboardRecord(string Reference, string Unit, string? Dimension, string Status, DateTimeOffset At, string? Page);

/// <summary>A number, null, or the string "&lt;5" for a suppressed small cell.</summary>
public sealed class MetricValueJsonConverter : JsonConverter<MetricValue>
{
    public override MetricValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => new MetricValue(null, false),
        JsonTokenType.String when reader.GetString() == MetricValue.SuppressedText => new MetricValue(null, true),
        JsonTokenType.Number => new MetricValue(reader.GetDouble(), false),
        _ => throw new JsonException("A metric value is a number, null or \"<5\"."),
    };

    public override void Write(Utf8JsonWriter writer, MetricValue value, JsonSerializerOptions options)
    {
        if (value.Suppressed)
        {
            writer.WriteStringValue(MetricValue.SuppressedText);
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
