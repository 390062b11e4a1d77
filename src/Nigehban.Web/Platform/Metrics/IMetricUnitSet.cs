namespace Nigehban.Web.Platform.Metrics;

/// <summary>One unit of a <see cref="IMetricUnitSet"/>: its code, the kind the module gives it and its names per language.</summary>
public sealed record MetricUnit(string UnitCode, string Kind, IReadOnlyDictionary<string, string> Names);

/// <summary>
/// Units a module names whose figures the dashboard lists side by side, wherever they sit in the tree:
/// the protection centres of a district, say, which are desks at some of its stations. The dashboard
/// shows, for the units of the set below the unit being read, the metrics of the set's module.
/// </summary>
public interface IMetricUnitSet
{
    /// <summary>The set's key in addresses (kebab-case), unique.</summary>
    string Key { get; }

    /// <summary>The module whose metrics the set's table shows (<see cref="MetricDefinition.Module"/>).</summary>
    string Module { get; }

    IReadOnlyList<MetricUnit> Units { get; }
}
