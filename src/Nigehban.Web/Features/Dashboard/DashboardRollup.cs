using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Dashboard;

public enum RollupPeriod : short
{
    Day = 0,
    Month = 1,
}

/// <summary>
/// One counter of the dashboard: a metric's summed count and measure for one unit, one period
/// (a day, or a month starting on its first day) and one dimension value ("" for the total).
/// Rows exist at two unit levels only: the record's own unit and its district (the pack's
/// reference kind); higher answers sum district rows, so no single province row is hot.
/// Written only by the rollup writer (raw upserts), never through the change tracker.
/// </summary>
public sealed class DashboardRollup : INotAudited
{
    public required string UnitCode { get; set; }
    public RollupPeriod Period { get; set; }
    public DateOnly PeriodStart { get; set; }
    public required string Metric { get; set; }
    public string Dimension { get; set; } = "";
    public long Count { get; set; }
    public long Measure { get; set; }
}

internal sealed class DashboardRollupConfiguration : IEntityTypeConfiguration<DashboardRollup>
{
    public const string Table = "dashboard_rollups";

    public void Configure(EntityTypeBuilder<DashboardRollup> builder)
    {
        builder.ToTable(Table);

        // Unit first: every read asks for a handful of units over a date range. Dimension before
        // the date: nine in ten month rows are per-service rows, and summaries and series read
        // only the totals (dimension ""), so each unit's totals of a range are one contiguous run.
        builder.HasKey(r => new { r.UnitCode, r.Period, r.Dimension, r.PeriodStart, r.Metric });

        // Breakdowns read one metric's per-service month rows over a range.
        builder.HasIndex(r => new { r.UnitCode, r.Metric, r.PeriodStart })
            .HasDatabaseName("ix_dashboard_rollups_breakdown")
            .HasFilter($"period = {(short)RollupPeriod.Month} AND dimension <> ''");
        builder.Property(r => r.UnitCode).HasColumnName("unit_code").HasMaxLength(40);
        builder.Property(r => r.Period).HasColumnName("period");
        builder.Property(r => r.PeriodStart).HasColumnName("period_start");
        builder.Property(r => r.Metric).HasColumnName("metric").HasMaxLength(64);
        builder.Property(r => r.Dimension).HasColumnName("dimension").HasMaxLength(64);
        builder.Property(r => r.Count).HasColumnName("count");
        builder.Property(r => r.Measure).HasColumnName("measure");
    }
}
