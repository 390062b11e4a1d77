using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// Reads the dashboard from the rollup table, within the caller's jurisdiction: a unit outside it
/// answers <see cref="NotFoundException"/> (404), as any record outside it does. Rollup rows are
/// keyed by unit code, not path, so that a unit move re-attributes them without rewriting them;
/// the requested unit is checked against the same scope path the record filter uses.
/// </summary>
public sealed class DashboardQueries(NigehbanDbContext db, UnitDirectory units, JurisdictionScope scope, RollupLevels levels)
{
    /// <summary>Longest range a summary or a monthly/weekly series covers.</summary>
    public const int MaxRangeDays = ReportDays.MaxDays; // the one bound every report shares (ADR-025)

    /// <summary>Longest range of a daily series.</summary>
    public const int MaxDailyRangeDays = 732;

    public async Task<DashboardSummary> SummaryAsync(string unitCode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var unit = Authorize(unitCode);
        CheckRange(from, to, MaxRangeDays);
        var children = units.ChildrenOf(unit.Code);
        var own = levels.StoredCodesFor(unit);
        var childCodes = children.Select(c => (Child: c, Codes: levels.StoredCodesFor(c))).ToList();
        var codes = own.Concat(childCodes.SelectMany(c => c.Codes)).Distinct(StringComparer.Ordinal).ToList();
        var plan = RollupRanges.Plan(from, to);

        var rows = await Totals(codes, plan)
            .GroupBy(r => new { r.UnitCode, r.Metric })
            .Select(g => new { g.Key.UnitCode, g.Key.Metric, Count = g.Sum(r => r.Count), Measure = g.Sum(r => r.Measure) })
            .ToListAsync(ct);
        var byUnit = rows.ToLookup(r => r.UnitCode, StringComparer.OrdinalIgnoreCase);

        IReadOnlyDictionary<string, MetricValue> Sum(IEnumerable<string> unitCodes) =>
            Values(unitCodes.SelectMany(c => byUnit[c]).Select(r => (r.Metric, new RollupSums(r.Count, r.Measure))));

        return new DashboardSummary(unit.Code, unit.LocalName, unit.Kind, from, to, Sum(own),
            [.. childCodes.Select(c => new ChildSummary(c.Child.Code, c.Child.LocalName, c.Child.Kind, Sum(c.Codes)))]);
    }

    public async Task<DashboardSeries> SeriesAsync(string unitCode, DateOnly from, DateOnly to, SeriesInterval interval, CancellationToken ct)
    {
        var unit = Authorize(unitCode);
        CheckRange(from, to, interval == SeriesInterval.Day ? MaxDailyRangeDays : MaxRangeDays);
        var codes = levels.StoredCodesFor(unit).ToList();

        // Day and week buckets are built from day rows; month buckets use month rows where whole.
        var plan = interval == SeriesInterval.Month ? RollupRanges.Plan(from, to) : new RangePlan(null, [new DayRange(from, to)]);
        var rows = await Totals(codes, plan)
            .GroupBy(r => new { r.Period, r.PeriodStart, r.Metric })
            .Select(g => new { g.Key.PeriodStart, g.Key.Metric, Count = g.Sum(r => r.Count), Measure = g.Sum(r => r.Measure) })
            .ToListAsync(ct);
        var byBucket = rows.ToLookup(r =>
        {
            var start = RollupRanges.BucketOf(r.PeriodStart, interval);
            return start < from ? from : start;
        });
        var points = RollupRanges.Buckets(from, to, interval)
            .Select(start => new SeriesPoint(start, Values(byBucket[start].Select(r => (r.Metric, new RollupSums(r.Count, r.Measure))))))
            .ToList();
        return new DashboardSeries(unit.Code, from, to, interval, points);
    }

    /// <summary>
    /// A metric split by its dimension (e.g. by service). Dimensions are kept in month rows only,
    /// so the range is read as the whole months it touches.
    /// </summary>
    public async Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string unitCode, DateOnly from, DateOnly to, string metric, CancellationToken ct)
    {
        var unit = Authorize(unitCode);
        CheckRange(from, to, MaxRangeDays);
        var definition = MetricCatalog.Find(metric);
        if (definition?.Dimension is null)
        {
            throw new ValidationFailedException("metric", definition is null ? DashboardErrors.Text("Metric.Unknown", metric) : DashboardErrors.Text("Metric.NoBreakdown", metric));
        }

        var codes = levels.StoredCodesFor(unit).ToList();
        var first = RollupLevels.MonthOf(from);
        var last = RollupLevels.MonthOf(to);
        var rows = await db.Set<DashboardRollup>().AsNoTracking()
            .Where(r => codes.Contains(r.UnitCode) && r.Period == RollupPeriod.Month && r.PeriodStart >= first && r.PeriodStart <= last
                && r.Metric == metric && r.Dimension != "")
            .GroupBy(r => r.Dimension)
            .Select(g => new { Dimension = g.Key, Count = g.Sum(r => r.Count), Measure = g.Sum(r => r.Measure) })
            .ToListAsync(ct);
        return [.. rows.Where(r => r.Count != 0 || r.Measure != 0)
            .OrderByDescending(r => r.Count).ThenBy(r => r.Dimension, StringComparer.Ordinal)
            .Select(r => new BreakdownRow(r.Dimension, ValueOf(definition, new RollupSums(r.Count, r.Measure))))];
    }

    /// <summary>
    /// The records behind one metric of a unit over [from, to], one page of them, newest first, in
    /// the one paged shape: their total count equals the metric's count. Suppressed metrics list
    /// nothing: a list would undo the suppression.
    /// </summary>
    public async Task<PagedList<DashboardRecord>> RecordsAsync(string unitCode, DateOnly from, DateOnly to, string metric, string? dimension, int page, int pageSize, CancellationToken ct)
    {
        var unit = Authorize(unitCode);
        CheckRange(from, to, MaxRangeDays);
        var definition = MetricCatalog.Find(metric) ?? throw new ValidationFailedException("metric", DashboardErrors.Text("Metric.Unknown", metric));
        if (definition.Suppressed)
        {
            throw new ValidationFailedException("metric", DashboardErrors.Text("Metric.Suppressed", metric));
        }

        var source = MetricCatalog.SourceOfMetric(metric)!;
        if (!source.ListsRecordsOf(metric))
        {
            throw new ValidationFailedException("metric", DashboardErrors.Text("Metric.NoRecords", metric));
        }

        var records = source.RecordsOf(db, metric, string.IsNullOrWhiteSpace(dimension) ? null : dimension, unit.Path,
                LocalMidnight(from, levels.TimeZone), LocalMidnight(to.AddDays(1), levels.TimeZone))
            ?? throw new InvalidOperationException($"{source.GetType().Name} says it lists the records of '{metric}' but gave no query.");
        var found = await PagedList<MetricRecord>.CreateAsync(records.OrderByDescending(r => r.At).ThenBy(r => r.Reference), r => r, page, pageSize, ct);
        return new PagedList<DashboardRecord>(
            [.. found.Items.Select(r => new DashboardRecord(r.Reference, r.UnitCode, r.Dimension, r.Status, r.At, source.RecordPage(r.Reference)))],
            found.Page, found.PageSize, found.TotalCount);
    }

    /// <summary>The instant a force-local day starts (a midnight skipped by a clock change starts the day an hour later).</summary>
    public static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo timeZone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (timeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, timeZone), TimeSpan.Zero);
    }

    /// <summary>The shown value: suppressed small cells (1–4) of suppressed metrics carry no number.</summary>
    public static MetricValue ValueOf(MetricDefinition definition, RollupSums sums) =>
        definition.Suppressed && sums.Count is > 0 and < 5
            ? new MetricValue(null, true)
            : new MetricValue(definition.ValueOf(sums.Count, sums.Measure), false);

    private static Dictionary<string, MetricValue> Values(IEnumerable<(string Metric, RollupSums Sums)> rows)
    {
        var sums = new Dictionary<string, RollupSums>(StringComparer.Ordinal);
        foreach (var (metric, s) in rows)
        {
            var current = sums.GetValueOrDefault(metric);
            sums[metric] = new RollupSums(current.Count + s.Count, current.Measure + s.Measure);
        }

        return MetricCatalog.All.ToDictionary(m => m.Key, m => ValueOf(m, sums.GetValueOrDefault(m.Key)), StringComparer.Ordinal);
    }

    /// <summary>Total rows (no dimension) of the given units covering the plan.</summary>
    private IQueryable<DashboardRollup> Totals(List<string> codes, RangePlan plan)
    {
        var none = new DayRange(DateOnly.MaxValue, DateOnly.MinValue);
        var months = plan.Months ?? none;
        var a = plan.Days.Count > 0 ? plan.Days[0] : none;
        var b = plan.Days.Count > 1 ? plan.Days[1] : none;
        return db.Set<DashboardRollup>().AsNoTracking()
            .Where(r => codes.Contains(r.UnitCode) && r.Dimension == ""
                && ((r.Period == RollupPeriod.Month && r.PeriodStart >= months.From && r.PeriodStart <= months.To)
                    || (r.Period == RollupPeriod.Day && r.PeriodStart >= a.From && r.PeriodStart <= a.To)
                    || (r.Period == RollupPeriod.Day && r.PeriodStart >= b.From && r.PeriodStart <= b.To)));
    }

    private UnitInfo Authorize(string unitCode)
    {
        var unit = units.Find(unitCode);
        if (unit is null || !scope.Covers(unit))
        {
            throw new NotFoundException("unit", DashboardErrors.Text("Unit.NotInJurisdiction"));
        }

        return unit;
    }

    private static void CheckRange(DateOnly from, DateOnly to, int maxDays)
    {
        if (to < from)
        {
            throw new ValidationFailedException("to", DashboardErrors.Text("Range.ToBeforeFrom"));
        }

        if (to.DayNumber - from.DayNumber + 1 > maxDays)
        {
            throw new ValidationFailedException("from", DashboardErrors.Text("Range.TooLong", maxDays));
        }
    }
}
