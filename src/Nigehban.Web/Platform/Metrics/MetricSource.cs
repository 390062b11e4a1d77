using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Metrics;

/// <summary>How a metric's stored sums turn into the number shown.</summary>
public enum MetricFormat
{
    /// <summary>The sum of counts.</summary>
    Count,

    /// <summary>An average: sum of measures (minutes) divided by the sum of counts.</summary>
    Minutes,

    /// <summary>A ratio of two counts: 100 × sum of measures (the "kept" ones) ÷ sum of counts.</summary>
    Percent,
}

/// <summary>
/// One metric, defined once: its key (snake_case, used by the API and the rollup table), the
/// module that produces it, how it is shown, what it means, and how it is counted.
/// </summary>
/// <param name="Dimension">The breakdown kept beside the total (e.g. "service"), or null for none.</param>
/// <param name="Suppressed">Small-cell suppression: values from 1 to 4 are shown as "&lt;5".</param>
/// <param name="Alert">Each new fact of this metric is pushed as a live alert.</param>
/// <param name="Counting">How one record contributes: which records, on which day, with what measure.</param>
/// <param name="Public">Shown on the public service-delivery page: an aggregate that says nothing about a person.</param>
public sealed record MetricDefinition(string Key, string Module, MetricFormat Format, string Description,
    string? Dimension = null, bool Suppressed = false, bool Alert = false, string Counting = "", bool Public = false)
{
    /// <summary>The value a metric shows for summed counts and measures (null when there is nothing to average).</summary>
    public double? ValueOf(long count, long measure) => Format switch
    {
        MetricFormat.Count => count,
        MetricFormat.Minutes => count == 0 ? null : (double)measure / count,
        MetricFormat.Percent => count == 0 ? null : 100.0 * measure / count,
        _ => null,
    };
}

/// <summary>
/// One contribution of one record to one metric: the record's unit, the local day it counts on, the
/// dimension value ("" for the total) and its count and measure (minutes, or 1 for "kept").
/// </summary>
public readonly record struct MetricFact(string Metric, string UnitCode, DateOnly Day, string Dimension, long Count, long Measure);

/// <summary>
/// A module's metrics: it maps ONE state of one entity to zero or more facts. A declared contract:
/// a module implements it (one class, found in the assembly by the dashboard's catalogue) and
/// the dashboard reads it, so neither module references the other. The same projection
/// is used on write (facts of the original values subtracted, of the current values added), by
/// <c>dashboard rebuild</c> and by <c>dashboard verify</c>; so a new module adds one class.
/// </summary>
public interface IMetricSource
{
    /// <summary>The entity type whose rows this source counts.</summary>
    Type EntityType { get; }

    IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>The entity's property holding the owning unit's code (rebuild reads records unit by unit).</summary>
    string UnitProperty { get; }

    /// <summary>Adds the facts of <paramref name="entity"/> (a state of <see cref="EntityType"/>) to <paramref name="facts"/>.</summary>
    void Project(object entity, TimeZoneInfo timeZone, ICollection<MetricFact> facts);

    /// <summary>The record's reference for alerts, if it has one.</summary>
    string? ReferenceOf(object entity);

    /// <summary>
    /// The records behind a number: those <paramref name="metric"/> counted for units under
    /// <paramref name="unitPath"/> on days whose force-local start lies in [<paramref name="from"/>,
    /// <paramref name="to"/>), optionally of one dimension value; null when the metric offers no such
    /// list. It must select exactly the records <see cref="Project"/> counts (the exactness tests
    /// compare the two). <paramref name="db"/> is the caller's context, so jurisdiction applies.
    /// </summary>
    IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to);

    /// <summary>True when <see cref="RecordsOf"/> lists the records of <paramref name="metric"/>.</summary>
    bool ListsRecordsOf(string metric);

    /// <summary>The console page of one record, for links from the dashboard.</summary>
    string? RecordPage(string reference);
}

/// <summary>
/// One record behind a dashboard number: its reference, unit, dimension value, status and the
/// instant it counts at. Init properties, not a positional record, so that a query can still sort
/// and count by them after the projection.
/// </summary>
public sealed record MetricRecord
{
    public required string Reference { get; init; }
    public required string UnitCode { get; init; }
    public string? Dimension { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Typed base for metric sources.</summary>
public abstract class MetricSource<T> : IMetricSource where T : class
{
    public Type EntityType => typeof(T);

    public abstract IReadOnlyList<MetricDefinition> Metrics { get; }

    public virtual string UnitProperty => "UnitCode";

    public void Project(object entity, TimeZoneInfo timeZone, ICollection<MetricFact> facts) => Project((T)entity, timeZone, facts);

    public string? ReferenceOf(object entity) => ReferenceOf((T)entity);

    protected abstract void Project(T entity, TimeZoneInfo timeZone, ICollection<MetricFact> facts);

    protected virtual string? ReferenceOf(T entity) => null;

    public virtual IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to) => null;

    public virtual bool ListsRecordsOf(string metric) => false;

    public virtual string? RecordPage(string reference) => null;

    /// <summary>The force-local day of an instant, taken as the database stores it (microseconds).</summary>
    protected static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(StoredInstant.ToMicroseconds(instant), timeZone).DateTime);

    /// <summary>An instant's ticks as stored, for comparisons that must agree before and after the round trip.</summary>
    protected static long StoredTicks(DateTimeOffset instant) => StoredInstant.ToMicroseconds(instant).UtcTicks;

    /// <summary>Whole minutes between two instants as stored (never negative).</summary>
    protected static long MinutesBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var ticks = StoredInstant.ToMicroseconds(to).UtcTicks - StoredInstant.ToMicroseconds(from).UtcTicks;
        return Math.Max(0, ticks / TimeSpan.TicksPerMinute);
    }
}
