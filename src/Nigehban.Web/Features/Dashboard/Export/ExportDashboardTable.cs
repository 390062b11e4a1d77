using System.Globalization;
using Microsoft.Extensions.Localization;
using Nigehban.Web.Features.Dashboard.Pages;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Dashboard.Export;

public sealed record ExportRequest(string Table, string? Unit, DateOnly? From, DateOnly? To, string? Metric, string? Interval, string? Format);

public sealed record ExportedFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// A dashboard table as CSV or Excel: the same queries and the same table builder as the page, so
/// a download holds exactly the figures on screen. Within the caller's jurisdiction; audited.
/// </summary>
public sealed class ExportDashboardTableHandler(
    DashboardQueries queries, NigehbanDbContext db, UnitDirectory units, ServiceCatalogue catalogue, IStringLocalizer<DashboardText> text)
{
    public async Task<ExportedFile> HandleAsync(ExportRequest request, CancellationToken ct)
    {
        var table = request.Table.ToLowerInvariant();
        if (!DashboardTables.Names.Contains(table))
        {
            throw new ValidationFailedException("table", DashboardErrors.Text("Table.OneOf", string.Join(", ", DashboardTables.Names)));
        }

        var format = (request.Format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx"))
        {
            throw new ValidationFailedException("format", DashboardErrors.Text("Format.OneOf"));
        }

        if (string.IsNullOrWhiteSpace(request.Unit))
        {
            throw new ValidationFailedException("unit", DashboardErrors.Text("Unit.CodeRequired"));
        }

        if (request.From is not { } from)
        {
            throw new ValidationFailedException("from", DashboardErrors.Text("Day.FirstRequired"));
        }

        if (request.To is not { } to)
        {
            throw new ValidationFailedException("to", DashboardErrors.Text("Day.LastRequired"));
        }

        ReportDays.Check(from, to);

        var unit = units.Find(request.Unit) ?? throw new NotFoundException("unit", DashboardErrors.Text("Unit.NotInJurisdiction"));
        DashboardTable result;
        switch (table)
        {
            case DashboardTables.Children:
                result = DashboardTables.ForChildren(await queries.SummaryAsync(unit.Code, from, to, ct), text);
                break;
            case DashboardTables.Breakdown:
                var metric = MetricCatalog.Find(request.Metric ?? "");
                if (metric?.Dimension is null)
                {
                    throw new ValidationFailedException("metric", DashboardErrors.Text("Metric.WithBreakdownRequired"));
                }

                var rows = await queries.BreakdownAsync(unit.Code, from, to, metric.Key, ct);
                result = DashboardTables.ForBreakdown(metric.Key, rows, catalogue, text, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
                break;
            default:
                if (!Enum.TryParse<SeriesInterval>(request.Interval ?? "Day", ignoreCase: true, out var interval) || !Enum.IsDefined(interval))
                {
                    throw new ValidationFailedException("interval", DashboardErrors.Text("Interval.OneOf"));
                }

                result = DashboardTables.ForSeries(await queries.SeriesAsync(unit.Code, from, to, interval, ct), text);
                break;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"dashboard-{table}-{unit.Code}-{from:yyyyMMdd}-{to:yyyyMMdd}.{format}");
        db.Audit.Record(new AuditEntry("dashboard.export", "DashboardTable", name, UnitPath: unit.Path));
        await db.SaveChangesAsync(ct);

        return format == "csv"
            ? new ExportedFile(TableFiles.Csv(result), TableFiles.CsvType, name)
            : new ExportedFile(TableFiles.Xlsx(result), TableFiles.XlsxType, name);
    }

    /// <summary>The download address the page links to.</summary>
    public static string Url(string table, string unit, DashboardPeriod period, string format, string? metric = null, SeriesInterval? interval = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/dashboard/exports/{table}?unit={Uri.EscapeDataString(unit)}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}&format={format}")
        + (metric is null ? "" : "&metric=" + Uri.EscapeDataString(metric))
        + (interval is null ? "" : "&interval=" + interval.Value.ToString().ToLowerInvariant());
}
