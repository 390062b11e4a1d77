using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Metrics;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Dashboard;

/// <summary>
/// Reads the dashboard from the rollup table, within the caller's jurisdiction: a unit outside it
/// answers <see cref="NotFoundException"/> (404), as any record outside it does. Rollup rows are
/// keyed by unit code, not path, so that a unit move re-attributes them without rewriting them;
/// the requested unit is checked against the same scope path the record filter uses.
/// </summary>
public sealed class DashboardQueries(NigehbanDbContext db, UnitDirectory units, JurisdictionScope scope, RollupLevels levels, IEnumerable<IMetricUnitSet> sets)
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

        Dictionary<string, RollupSums> Sum(IEnumerable<string> unitCodes) =>
            SmallCells.Sum(unitCodes.SelectMany(c => byUnit[c]).Select(r => (r.Metric, new RollupSums(r.Count, r.Measure))));

        // The sub-units are parts of the unit's total: one breakdown per metric (ADR-073).
        var total = Sum(own);
        var childValues = SmallCells.Rows([.. childCodes.Select(c => (IReadOnlyDictionary<string, RollupSums>)Sum(c.Codes))], total);
        return new DashboardSummary(unit.Code, unit.LocalName, unit.Kind, from, to, SmallCells.Values(total),
            [.. childCodes.Select((c, i) => new ChildSummary(c.Child.Code, c.Child.LocalName, c.Child.Kind, childValues[i]))]);
    }

    /// <summary>
    /// The units of a module's set (the protection centres, say) within a unit, each with the module's
    /// metrics over [from, to]: parts of the unit's total, so one breakdown per metric (ADR-074).
    /// </summary>
    public async Task<DashboardUnitSet> UnitSetAsync(string unitCode, string setKey, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var unit = Authorize(unitCode);
        CheckRange(from, to, MaxRangeDays);
        var set = sets.FirstOrDefault(s => string.Equals(s.Key, setKey, StringComparison.Ordinal))
            ?? throw new NotFoundException("set", DashboardErrors.Text("UnitSet.Unknown", string.Join(", ", sets.Select(s => s.Key))));
        var metrics = MetricCatalog.All.Where(m => m.Module == set.Module).ToList();
        var members = set.Units
            .Select(m => (Member: m, Unit: units.Find(m.UnitCode)))
            .Where(m => m.Unit is not null && units.IsWithin(m.Unit.Code, unit.Path))
            .ToList();
        var own = levels.StoredCodesFor(unit);
        var codes = own.Concat(members.Select(m => m.Unit!.Code)).Distinct(StringComparer.Ordinal).ToList();
        var keys = metrics.Select(m => m.Key).ToList();
        var rows = await Totals(codes, RollupRanges.Plan(from, to))
            .Where(r => keys.Contains(r.Metric))
            .GroupBy(r => new { r.UnitCode, r.Metric })
            .Select(g => new { g.Key.UnitCode, g.Key.Metric, Count = g.Sum(r => r.Count), Measure = g.Sum(r => r.Measure) })
            .ToListAsync(ct);
        var byUnit = rows.ToLookup(r => r.UnitCode, StringComparer.OrdinalIgnoreCase);
        Dictionary<string, RollupSums> Sum(IEnumerable<string> unitCodes) =>
            SmallCells.Sum(unitCodes.SelectMany(c => byUnit[c]).Select(r => (r.Metric, new RollupSums(r.Count, r.Measure))));

        // A centre is a desk at a station: its own row holds its figures (a centre above station level is not split further).
        var total = Sum(own);
        var values = SmallCells.Rows([.. members.Select(m => (IReadOnlyDictionary<string, RollupSums>)Sum([m.Unit!.Code]))], total);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return new DashboardUnitSet(unit.Code, set.Key, from, to, keys, [.. members.Select((m, i) => new UnitSetRow(
            m.Unit!.Code, PackNames.In(m.Member.Names, language), m.Member.Kind,
            metrics.ToDictionary(d => d.Key, d => values[i][d.Key], StringComparer.Ordinal)))]);
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
        var starts = RollupRanges.Buckets(from, to, interval).ToList();

        // The buckets are parts of the range's total, which the summary shows: one breakdown per metric.
        var values = SmallCells.Rows([.. starts.Select(start =>
            (IReadOnlyDictionary<string, RollupSums>)SmallCells.Sum(byBucket[start].Select(r => (r.Metric, new RollupSums(r.Count, r.Measure)))))]);
        return new DashboardSeries(unit.Code, from, to, interval, [.. starts.Select((start, i) => new SeriesPoint(start, values[i]))]);
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
        var shown = rows.Where(r => r.Count != 0 || r.Measure != 0)
            .OrderByDescending(r => r.Count).ThenBy(r => r.Dimension, StringComparer.Ordinal)
            .ToList();

        // A case may count under several groups, so the parts need not add up to the total; hiding
        // one more cell beside a lone "<5" is the safe side either way (ADR-073).
        var values = SmallCells.Breakdown(definition, [.. shown.Select(r => new RollupSums(r.Count, r.Measure))]);
        return [.. shown.Select((r, i) => new BreakdownRow(r.Dimension, values[i]))];
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
