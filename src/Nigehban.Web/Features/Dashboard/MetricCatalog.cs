using System.Collections.Frozen;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// Every metric of every module, found once: each <see cref="IMetricSource"/> in this assembly
/// contributes its definitions. Keys are unique; a duplicate stops start-up.
/// </summary>
public static class MetricCatalog
{
    private static readonly Lazy<Catalog> Loaded = new(Load);

    public static IReadOnlyList<MetricDefinition> All => Loaded.Value.All;

    public static IReadOnlyList<IMetricSource> Sources => Loaded.Value.Sources;

    public static MetricDefinition? Find(string key) => Loaded.Value.ByKey.GetValueOrDefault(key);

    /// <summary>The source that defines the metric <paramref name="key"/>, if any.</summary>
    public static IMetricSource? SourceOfMetric(string key) => Loaded.Value.Sources.FirstOrDefault(s => s.Metrics.Any(m => m.Key == key));

    /// <summary>The source counting entities of this CLR type, if any.</summary>
    public static IMetricSource? SourceFor(Type entityType) => Loaded.Value.ByEntity.GetValueOrDefault(entityType);

    private static Catalog Load()
    {
        var sources = typeof(MetricCatalog).Assembly.GetTypes()
            .Where(t => typeof(IMetricSource).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IMetricSource)Activator.CreateInstance(t)!)
            .ToList();
        var all = sources.SelectMany(s => s.Metrics).ToList();
        var duplicate = all.GroupBy(m => m.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Metric '{duplicate.Key}' is defined more than once.");
        }

        return new Catalog(
            sources,
            all,
            all.ToFrozenDictionary(m => m.Key, StringComparer.Ordinal),
            sources.ToFrozenDictionary(s => s.EntityType));
    }

    private sealed record Catalog(
        IReadOnlyList<IMetricSource> Sources,
        IReadOnlyList<MetricDefinition> All,
        FrozenDictionary<string, MetricDefinition> ByKey,
        FrozenDictionary<Type, IMetricSource> ByEntity);
}
