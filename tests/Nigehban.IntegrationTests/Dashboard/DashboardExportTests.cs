using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.Dashboard;

/// <summary>Table downloads: the same figures as the summary API, the caller's jurisdiction only, bad input named, audited. And the public page.</summary>
public abstract class DashboardExportTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Range => $"from={DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40):yyyy-MM-dd}&to={DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1):yyyy-MM-dd}";

    [Fact]
    public async Task ChildrenCsv_SumsToTheSummaryApi_AndIsAudited()
    {
        await SubmitAsync(app.CreateClient(), Application(NewCnic(), unit: "LHR-PS01"));
        var dpo = await app.SignInAsync("dpo");
        var district = app.Demo("dpo").Unit;

        var response = await dpo.GetAsync($"/api/v1/dashboard/exports/children?unit={district}&{Range}&format=csv", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = CsvCells(lines[0]);
        var column = header.IndexOf("Applications received");
        column.ShouldBeGreaterThan(1);

        var summary = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={district}&{Range}", Ct);
        var expected = summary.GetProperty("metrics").GetProperty("service_requests_received").GetDouble();
        expected.ShouldBeGreaterThanOrEqualTo(1);
        // A unit name or a metric's label may hold a comma (quoted): cells are read as CSV.
        lines.Skip(1).Sum(l => double.Parse(CsvCells(l)[column], CultureInfo.InvariantCulture)).ShouldBe(expected);

        var audited = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().IgnoreQueryFilters()
            .AnyAsync(e => e.Action == "dashboard.export" && e.ObjectId!.StartsWith($"dashboard-children-{district}-"), Ct));
        audited.ShouldBeTrue();
    }

    [Fact]
    public async Task ChildrenCsv_NamesTheUnitOfEachFigureInItsHeader_AndWritesTheFigureInThatUnit()
    {
        // One application delivered, so the district has a share of deadlines kept and a turnaround.
        var (reference, _) = await ApplyWithDocumentsAsync(app);
        var desk = await app.SignInAsync("frontdesk");
        await TransitionAsync(desk, reference, "DocumentsChecked");
        await TransitionAsync(desk, reference, "RecordChecked");
        await TransitionAsync(await app.SignInAsync("sho"), reference, "Approved");
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await TransitionAsync(desk, reference, "Issued");
        var dpo = await app.SignInAsync("dpo");
        var district = app.Demo("dpo").Unit;

        var csv = Encoding.UTF8.GetString(await dpo.GetByteArrayAsync($"/api/v1/dashboard/exports/children?unit={district}&{Range}&format=csv", Ct)).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(CsvCells).ToList();
        var kept = lines[0].IndexOf("Deadlines kept (%)");
        var turnaround = lines[0].IndexOf("Average turnaround (minutes)");
        kept.ShouldBeGreaterThan(1, string.Join(" | ", lines[0]));
        turnaround.ShouldBeGreaterThan(1, string.Join(" | ", lines[0]));
        lines[0].ShouldContain("Applications received", "a count needs no unit");

        // The figures are those of the summary API, in the header's unit: 100 for every deadline kept, minutes as minutes.
        var summary = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={district}&{Range}", Ct);
        var compared = 0;
        foreach (var child in summary.GetProperty("children").EnumerateArray())
        {
            var metrics = child.GetProperty("metrics");
            if (metrics.GetProperty("service_deadline_kept_percent").ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            var row = lines.Single(l => l[1] == child.GetProperty("unit").GetString());
            var share = metrics.GetProperty("service_deadline_kept_percent").GetDouble();
            share.ShouldBeInRange(0, 100);
            double.Parse(row[kept], CultureInfo.InvariantCulture).ShouldBe(Math.Round(share, 2));
            double.Parse(row[turnaround], CultureInfo.InvariantCulture).ShouldBe(Math.Round(metrics.GetProperty("service_turnaround_minutes").GetDouble(), 2));
            compared++;
        }

        compared.ShouldBeGreaterThan(0, "the delivered application's sub-unit has a share kept");
    }

    /// <summary>One CSV line's cells (RFC 4180 quoting).</summary>
    private static List<string> CsvCells(string line) =>
        [.. System.Text.RegularExpressions.Regex.Matches(line, "(?<=^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)").Select(m => m.Value.StartsWith('"') ? m.Value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : m.Value)];

    [Theory]
    [InlineData("series", "&interval=week")]
    [InlineData("children", "")]
    [InlineData("breakdown", "&metric=service_requests_received")]
    public async Task Xlsx_IsAValidSpreadsheet(string table, string extra)
    {
        await SubmitAsync(app.CreateClient(), Application(NewCnic(), unit: "LHR-PS01"));
        var dpo = await app.SignInAsync("dpo");
        var district = app.Demo("dpo").Unit;

        var response = await dpo.GetAsync($"/api/v1/dashboard/exports/{table}?unit={district}&{Range}{extra}&format=xlsx", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // The Open XML SDK's schema validation: what Excel would refuse to open, or open only after "repairing".
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document, Ct)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));
        document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task AnotherDistrict_Answers404()
    {
        var dpo = await app.SignInAsync("dpo");
        var other = app.Demo("dpo2").Unit;

        var response = await dpo.GetAsync($"/api/v1/dashboard/exports/children?unit={other}&{Range}&format=csv", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("table", "/api/v1/dashboard/exports/everything?unit={0}&from=2026-01-01&to=2026-01-31")]
    [InlineData("format", "/api/v1/dashboard/exports/children?unit={0}&from=2026-01-01&to=2026-01-31&format=pdf")]
    [InlineData("metric", "/api/v1/dashboard/exports/breakdown?unit={0}&from=2026-01-01&to=2026-01-31")]
    [InlineData("to", "/api/v1/dashboard/exports/children?unit={0}&from=2026-02-01&to=2026-01-31")]
    [InlineData("interval", "/api/v1/dashboard/exports/series?unit={0}&from=2026-01-01&to=2026-01-31&interval=hour")]
    public async Task BadInput_Returns400NamingTheField(string field, string url)
    {
        var dpo = await app.SignInAsync("dpo");

        var response = await dpo.GetAsync(string.Format(CultureInfo.InvariantCulture, url, app.Demo("dpo").Unit), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task Anonymous_CannotExport_ButReadsThePublicPage()
    {
        var anonymous = app.CreateClient();

        (await anonymous.GetAsync($"/api/v1/dashboard/exports/children?unit=PB&from={Today}&to={Today}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var page = await anonymous.GetAsync("/service-delivery", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain("id=\"districts-table\"");
        (await anonymous.GetAsync("/service-delivery/NOWHERE", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/service-delivery/RGN-LHR", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class DashboardExportTests_Sqlite(SqliteApp app) : DashboardExportTests(app);

public sealed class DashboardExportTests_Postgres(PostgresApp app) : DashboardExportTests(app);
