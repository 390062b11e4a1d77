using System.Globalization;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>
/// A sequential colour scale in a few classes: light for low values, dark for high ones. Classes
/// rather than a smooth ramp, because a reader matches a district to the legend by eye.
/// </summary>
public sealed class ColourScale
{
    /// <summary>Colour of a district with no figure (no data, or a suppressed small count).</summary>
    public const string NoData = "#d9d9d9";

    // Light sand to deep teal, picked for this project; every step stays readable with dark text
    // on the first three and light text on the last two.
    private static readonly string[] Steps = ["#f3efd9", "#c9e2c4", "#86c5b0", "#3f9a95", "#1d5f73"];

    public ColourScale(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        Min = list.Count > 0 ? list.Min() : 0;
        Max = list.Count > 0 ? list.Max() : 0;
    }

    public double Min { get; }

    public double Max { get; }

    public static int ClassCount => Steps.Length;

    /// <summary>The class (0 = lowest) a value falls in; equal values everywhere sit in the middle class.</summary>
    public int ClassOf(double value)
    {
        if (Max <= Min)
        {
            return Steps.Length / 2;
        }

        var position = (value - Min) / (Max - Min);
        return Math.Clamp((int)Math.Floor(position * Steps.Length), 0, Steps.Length - 1);
    }

    public string ColourOf(double? value) => value is { } v && double.IsFinite(v) ? Steps[ClassOf(v)] : NoData;

    /// <summary>The legend: each class with the range of values it covers (lower bound inclusive).</summary>
    public IReadOnlyList<LegendEntry> Legend()
    {
        if (Max <= Min)
        {
            return [new LegendEntry(Steps[Steps.Length / 2], Min, Max)];
        }

        var width = (Max - Min) / Steps.Length;
        return [.. Steps.Select((colour, i) => new LegendEntry(colour, Min + (i * width), i == Steps.Length - 1 ? Max : Min + ((i + 1) * width)))];
    }

    public static string Format(double value) =>
        Math.Abs(value - Math.Round(value)) < 0.05 ? Math.Round(value).ToString("N0", CultureInfo.CurrentCulture) : value.ToString("N1", CultureInfo.CurrentCulture);
}

public sealed record LegendEntry(string Colour, double From, double To);
