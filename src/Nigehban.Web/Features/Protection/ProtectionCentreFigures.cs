using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Protection;

/// <summary>The pack's centres, for the dashboard's figures per centre (ADR-074): each Tahaffuz or Meesaq desk on a row of its own.</summary>
public sealed class ProtectionCentreFigures(ProtectionPack pack) : IMetricUnitSet
{
    public const string SetKey = "protection-centres";

    public string Key => SetKey;

    public string Module => "protection";

    public IReadOnlyList<MetricUnit> Units { get; } = [.. pack.Centres.Select(c => new MetricUnit(c.UnitCode, c.Type, c.Names))];
}
