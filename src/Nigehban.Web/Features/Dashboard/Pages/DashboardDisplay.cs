using System.Globalization;
using Microsoft.Extensions.Localization;
using Nigehban.Web.Components.Localization;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>How the dashboard words metric names and values in the reader's language.</summary>
public static class DashboardDisplay
{
    public static string Label(IStringLocalizer text, string metric)
    {
        var label = text["Metric." + metric];
        return label.ResourceNotFound ? MetricCatalog.Find(metric)?.Description ?? metric : label.Value;
    }

    /// <summary>
    /// The label with the unit its plain number is in, for a downloaded table: "Deadlines kept (%)"
    /// (100 is 100 %), "Average turnaround (minutes)". Counts need none.
    /// </summary>
    public static string LabelWithUnit(IStringLocalizer text, string metric) =>
        MetricCatalog.Find(metric)?.Format switch
        {
            MetricFormat.Percent => text["Unit.Percent", Label(text, metric)],
            MetricFormat.Minutes => text["Unit.Minutes", Label(text, metric)],
            _ => Label(text, metric),
        };

    /// <summary>What the metric counts, in the reader's language (a tile's tooltip); the catalogue's English otherwise.</summary>
    public static string Help(IStringLocalizer text, string metric)
    {
        var help = text["Help." + metric];
        return help.ResourceNotFound ? MetricCatalog.Find(metric)?.Description ?? "" : help.Value;
    }

    /// <summary>
    /// "1,234", "87.5%", "3.2 h"; a suppressed small cell is "&lt;5" (kept left to right in any page), the
    /// cell hidden beside it "hidden" in the reader's language; nothing is "—".
    /// </summary>
    public static string Value(IStringLocalizer text, string metric, MetricValue value)
    {
        if (value.IsComplement)
        {
            return text["Value.Hidden"];
        }

        if (value.Suppressed)
        {
            return Bidi.LeftToRight(MetricValue.SuppressedText);
        }

        if (value.Value is not { } number)
        {
            return "—";
        }

        return MetricCatalog.Find(metric)?.Format switch
        {
            MetricFormat.Percent => number.ToString("0.#", CultureInfo.CurrentCulture) + "%",
            MetricFormat.Minutes => Duration(text, number),
            _ => number.ToString("N0", CultureInfo.CurrentCulture),
        };
    }

    /// <summary>Minutes read best as minutes up to two hours, hours up to three days, then days.</summary>
    public static string Duration(IStringLocalizer text, double minutes) => minutes switch
    {
        < 120 => text["Format.Minutes", minutes.ToString("0", CultureInfo.CurrentCulture)],
        < 72 * 60 => text["Format.Hours", (minutes / 60).ToString("0.#", CultureInfo.CurrentCulture)],
        _ => text["Format.Days", (minutes / 1440).ToString("0.#", CultureInfo.CurrentCulture)],
    };

    /// <summary>
    /// The change against the previous period: a relative change for counts and durations, a
    /// difference in points for percentages. Null when either side has no figure. The page shows it
    /// in a left-to-right isolate: a sign has no direction of its own, so "+12%" would read "12%+".
    /// </summary>
    public static string? Change(string metric, MetricValue current, MetricValue previous, out int direction)
    {
        direction = 0;
        if (current.Value is not { } now || previous.Value is not { } before || current.Suppressed || previous.Suppressed)
        {
            return null;
        }

        direction = now.CompareTo(before);
        if (MetricCatalog.Find(metric)?.Format == MetricFormat.Percent)
        {
            return (now - before).ToString("+0.#;-0.#;0", CultureInfo.CurrentCulture) + " pp";
        }

        // From nothing, a relative change means nothing: say how many more.
        if (before == 0)
        {
            return now.ToString("+#,0.#;-#,0.#;0", CultureInfo.CurrentCulture);
        }

        return ((now - before) / before * 100).ToString("+0;-0;0", CultureInfo.CurrentCulture) + "%";
    }

    /// <summary>A number for sorting and colouring; suppressed and missing values sort lowest.</summary>
    public static double SortKey(MetricValue value) => value is { Suppressed: false, Value: { } v } ? v : double.NegativeInfinity;

    /// <summary>Keeps the metric the reader chose while it is still on offer; otherwise the first one offered.</summary>
    public static string? Pick(string? current, IReadOnlyList<string> options) =>
        current is not null && options.Contains(current) ? current : options.Count > 0 ? options[0] : null;
}
