using System.Collections.Frozen;
using System.Globalization;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Platform.Units;

/// <summary>One unit as the rest of the platform sees it: immutable, cached in memory.</summary>
public sealed record UnitInfo(string Code, string Name, string Kind, string? ParentCode, string Path, int Depth, string? ShortCode)
{
    /// <summary>The name in the pack's other languages, by language code (see <see cref="UnitDefinition.Names"/>).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = UnitDefinition.NoTranslations;

    /// <summary>The name in the reader's language (the request's or circuit's UI culture); <see cref="Name"/> where the pack gives none.</summary>
    public string LocalName => NameIn(CultureInfo.CurrentUICulture);

    public string NameIn(CultureInfo culture) => LocalNames.Pick(Names, Name, culture);
}

/// <summary>
/// The force's unit tree held in memory: the one view of units every module reads (a declared
/// contract; the Organisation module owns the table and loads it here at start-up and after a move). It is small (hundreds to a few thousand units), read on
/// almost every request (scoping, references, pickers) and changes only when the pack does, so
/// it is loaded from the database at start-up and replaced whole when the tree changes.
/// </summary>
public sealed class UnitDirectory(ForcePack force)
{
    /// <summary>Translated names come from the pack, not the database: the pack is their only source.</summary>
    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> _names = force.Units
        .Where(u => u.Names.Count > 0)
        .ToFrozenDictionary(u => u.Code, u => u.Names, StringComparer.OrdinalIgnoreCase);

    private volatile Snapshot _snapshot = new([]);

    public IReadOnlyList<UnitInfo> All => _snapshot.Ordered;

    public UnitInfo? Find(string? code) =>
        code is not null && _snapshot.ByCode.TryGetValue(code, out var unit) ? unit : null;

    public IReadOnlyList<UnitInfo> ChildrenOf(string code) =>
        _snapshot.Children.TryGetValue(code, out var children) ? children : [];

    /// <summary>The nearest ancestor-or-self of the given kind (e.g. the district of a station).</summary>
    public UnitInfo? AncestorOfKind(string code, string kind)
    {
        var unit = Find(code);
        while (unit is not null && unit.Kind != kind)
        {
            unit = Find(unit.ParentCode);
        }

        return unit;
    }

    /// <summary>True when <paramref name="code"/> lies in the subtree whose root has path <paramref name="scopePath"/>.</summary>
    public bool IsWithin(string code, string scopePath) =>
        Find(code) is { } unit && unit.Path.StartsWith(scopePath, StringComparison.Ordinal);

    internal void Replace(IEnumerable<UnitInfo> units) =>
        _snapshot = new Snapshot([.. units.Select(u => _names.TryGetValue(u.Code, out var names) ? u with { Names = names } : u)]);

    private sealed class Snapshot
    {
        public Snapshot(List<UnitInfo> ordered)
        {
            Ordered = ordered;
            ByCode = ordered.ToFrozenDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
            Children = ordered.Where(u => u.ParentCode is not null)
                .GroupBy(u => u.ParentCode!, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<UnitInfo>)[.. g], StringComparer.OrdinalIgnoreCase);
        }

        public List<UnitInfo> Ordered { get; }
        public FrozenDictionary<string, UnitInfo> ByCode { get; }
        public FrozenDictionary<string, IReadOnlyList<UnitInfo>> Children { get; }
    }
}
