using System.Globalization;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>
/// A sequential colour scale in a few classes: light for low values, dark for high ones. Classes
/// rather than a smooth ramp, because a reader matches a district to the legend by eye. Counts are
/// banded at whole numbers (a district holds 3 applications, never 0.2 of one): with fewer distinct
/// counts than colours, each count is a class of its own.
/// </summary>
public sealed class ColourScale
{
    /// <summary>Colour of a district with no figure (no data, or a suppressed small count).</summary>
    public const string NoData = "#d9d9d9";

    // Light sand to deep teal, picked for this project; every step stays readable with dark text
    // on the first three and light text on the last two.
    private static readonly string[] Steps = ["#f3efd9", "#c9e2c4", "#86c5b0", "#3f9a95", "#1d5f73"];

    private readonly IReadOnlyList<LegendEntry> bands;

    public ColourScale(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        HasValues = list.Count > 0;
        Min = HasValues ? list.Min() : 0;
        Max = HasValues ? list.Max() : 0;
        WholeNumbers = list.TrueForAll(v => v == Math.Floor(v));
        bands = Max <= Min ? [new LegendEntry(Steps[Steps.Length / 2], Min, Max)]
            : WholeNumbers ? WholeBands(Min, Max)
            : EvenBands(Min, Max);
    }

    public double Min { get; }

    public double Max { get; }

    /// <summary>Whether any value was given: with none, the legend shows only "no data".</summary>
    public bool HasValues { get; }

    /// <summary>Every value is a whole number (a count): bands start and end on whole numbers.</summary>
    public bool WholeNumbers { get; }

    public static int ClassCount => Steps.Length;

    /// <summary>The class (0 = lowest) a value falls in: the last band starting at or below it.</summary>
    public int ClassOf(double value)
    {
        if (bands.Count == 1)
        {
            return Steps.Length / 2;
        }

        var found = 0;
        for (var i = 1; i < bands.Count; i++)
        {
            if (value >= bands[i].From)
            {
                found = i;
            }
        }

        return Array.IndexOf(Steps, bands[found].Colour);
    }

    public string ColourOf(double? value) => value is { } v && double.IsFinite(v) ? Steps[ClassOf(v)] : NoData;

    /// <summary>
    /// The legend: each class with the range of values it covers. Whole-number bands do not touch
    /// (0–3, 4–7); other bands share their edges (lower bound inclusive).
    /// </summary>
    public IReadOnlyList<LegendEntry> Legend() => bands;

    /// <summary>"4–7", or "4" for a band of one value.</summary>
    public static string Label(LegendEntry entry) =>
        entry.From == entry.To ? Format(entry.From) : Format(entry.From) + "–" + Format(entry.To);

    public static string Format(double value) =>
        Math.Abs(value - Math.Round(value)) < 0.05 ? Math.Round(value).ToString("N0", CultureInfo.CurrentCulture) : value.ToString("N1", CultureInfo.CurrentCulture);

    private static List<LegendEntry> WholeBands(double min, double max)
    {
        var distinct = (long)(max - min) + 1;
        var count = (int)Math.Min(Steps.Length, distinct);
        var result = new List<LegendEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var from = min + Math.Floor(i * (double)distinct / count);
            var to = min + Math.Floor((i + 1) * (double)distinct / count) - 1;
            // Fewer classes than colours still run from the lightest to the darkest.
            var colour = Steps[(int)Math.Round(i * (Steps.Length - 1) / (double)(count - 1))];
            result.Add(new LegendEntry(colour, from, to));
        }

        return result;
    }

    private static List<LegendEntry> EvenBands(double min, double max)
    {
        var width = (max - min) / Steps.Length;
        return [.. Steps.Select((colour, i) => new LegendEntry(colour, min + (i * width), i == Steps.Length - 1 ? max : min + ((i + 1) * width)))];
    }
}

public sealed record LegendEntry(string Colour, double From, double To);
