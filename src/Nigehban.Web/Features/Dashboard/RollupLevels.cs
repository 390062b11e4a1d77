using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// The key of one rollup row. Ordered as the table's primary key (unit, period, dimension, start,
/// metric): batched upserts take row locks in one order, and a rebuild appends to the key's index
/// instead of scattering its inserts over it.
/// </summary>
public readonly record struct RollupKey(string UnitCode, RollupPeriod Period, DateOnly Start, string Metric, string Dimension) : IComparable<RollupKey>
{
    public int CompareTo(RollupKey other)
    {
        var c = string.CompareOrdinal(UnitCode, other.UnitCode);
        if (c == 0) c = Period.CompareTo(other.Period);
        if (c == 0) c = string.CompareOrdinal(Dimension, other.Dimension);
        if (c == 0) c = Start.CompareTo(other.Start);
        if (c == 0) c = string.CompareOrdinal(Metric, other.Metric);
        return c;
    }

    public static bool operator <(RollupKey left, RollupKey right) => left.CompareTo(right) < 0;
    public static bool operator <=(RollupKey left, RollupKey right) => left.CompareTo(right) <= 0;
    public static bool operator >(RollupKey left, RollupKey right) => left.CompareTo(right) > 0;
    public static bool operator >=(RollupKey left, RollupKey right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        $"{Metric} {UnitCode} {(Period == RollupPeriod.Day ? "day" : "month")} {Start:yyyy-MM-dd}{(Dimension.Length > 0 ? $" [{Dimension}]" : "")}";
}

/// <summary>Summed count and measure of one rollup row.</summary>
public record struct RollupSums(long Count, long Measure)
{
    public readonly bool IsZero => Count == 0 && Measure == 0;
}

/// <summary>
/// Where a fact is counted: day rows (totals only) and month rows (totals and dimensions), each at
/// the record's own unit and at its district (the pack's reference kind) when that is another
/// unit. Shared by the write hook, rebuild, verify, unit moves and the queries, so they agree.
/// </summary>
public sealed class RollupLevels(ForcePack force, UnitDirectory units, DashboardSignals signals, TimeProvider clock)
{
    public ForcePack Force => force;
    public UnitDirectory Units => units;
    public DashboardSignals Signals => signals;
    public TimeProvider Clock => clock;
    public TimeZoneInfo TimeZone => force.TimeZone;

    /// <summary>The district a unit's facts are also counted at, or null (unknown unit, above district level, or the district itself).</summary>
    public string? DistrictOf(string unitCode)
    {
        var district = units.AncestorOfKind(unitCode, force.ReferenceUnitKind);
        return district is null || string.Equals(district.Code, unitCode, StringComparison.OrdinalIgnoreCase) ? null : district.Code;
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Adds the fact, signed, to every row it counts in.</summary>
    public void Accumulate(Dictionary<RollupKey, RollupSums> sums, in MetricFact fact, int sign)
    {
        Add(sums, fact, fact.UnitCode, sign);
        if (DistrictOf(fact.UnitCode) is { } district)
        {
            Add(sums, fact, district, sign);
        }
    }

    private static void Add(Dictionary<RollupKey, RollupSums> sums, in MetricFact fact, string unit, int sign)
    {
        if (fact.Dimension.Length == 0)
        {
            Bump(sums, new RollupKey(unit, RollupPeriod.Day, fact.Day, fact.Metric, ""), fact, sign);
        }

        Bump(sums, new RollupKey(unit, RollupPeriod.Month, MonthOf(fact.Day), fact.Metric, fact.Dimension), fact, sign);
    }

    private static void Bump(Dictionary<RollupKey, RollupSums> sums, RollupKey key, in MetricFact fact, int sign)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _);
        slot.Count += sign * fact.Count;
        slot.Measure += sign * fact.Measure;
    }

    /// <summary>
    /// The unit codes whose stored rows add up to <paramref name="unit"/>'s figures without double
    /// counting: the district's own row for a district; every unit of the subtree below a district;
    /// above districts, the districts of the subtree plus the units that lie in no district.
    /// </summary>
    public IReadOnlyList<string> StoredCodesFor(UnitInfo unit)
    {
        var codes = new List<string>();
        Collect(unit, codes);
        return codes;
    }

    private void Collect(UnitInfo unit, List<string> codes)
    {
        codes.Add(unit.Code);
        if (unit.Kind == force.ReferenceUnitKind)
        {
            return; // its row already holds everything below it
        }

        foreach (var child in units.ChildrenOf(unit.Code))
        {
            Collect(child, codes);
        }
    }
}
