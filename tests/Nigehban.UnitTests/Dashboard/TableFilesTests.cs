using System.IO.Compression;
using System.Text;
using Nigehban.Web.Features.Dashboard.Pages;
using Shouldly;

namespace Nigehban.UnitTests.Dashboard;

public sealed class TableFilesTests
{
    private static readonly DashboardTable Table = new("children",
        ["Unit", "Code", "Received"],
        [
            [TableCell.Label("Lahore, City"), TableCell.Label("LHR"), new TableCell("1,234", 1234)],
            [TableCell.Label("=HYPERLINK(\"x\")"), TableCell.Label("SKT"), new TableCell("<5", null)],
        ]);

    [Fact]
    public void Csv_QuotesCommasAndQuotes_WritesPlainNumbers_AndDefusesFormulas()
    {
        var text = Encoding.UTF8.GetString(TableFiles.Csv(Table));

        text[0].ShouldBe('\uFEFF');
        text[1..].ShouldBe("Unit,Code,Received\r\n\"Lahore, City\",LHR,1234\r\n\"'=HYPERLINK(\"\"x\"\")\",SKT,<5\r\n");
    }

    [Fact]
    public void Xlsx_IsAZipWithOneSheetHoldingNumbersAsNumbers()
    {
        using var zip = new ZipArchive(new MemoryStream(TableFiles.Xlsx(Table)));

        zip.Entries.Select(e => e.FullName).ShouldBe(
            ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"], ignoreOrder: true);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var sheet = reader.ReadToEnd();
        sheet.ShouldContain("<c r=\"C2\"><v>1234</v></c>");
        sheet.ShouldContain("<t>Lahore, City</t>");
        sheet.ShouldContain("<t>&lt;5</t>");
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void ColumnName_CountsInLetters(int index, string name) => TableFiles.ColumnName(index).ShouldBe(name);

    [Fact]
    public void Periods_HaveTheirPreviousOfTheSameLength()
    {
        var today = new DateOnly(2026, 3, 15);

        DashboardPeriod.For(PeriodPreset.Last30Days, today).ShouldBe(new DashboardPeriod(new DateOnly(2026, 2, 14), today));
        DashboardPeriod.For(PeriodPreset.ThisMonth, today).ShouldBe(new DashboardPeriod(new DateOnly(2026, 3, 1), today));
        DashboardPeriod.For(PeriodPreset.Last12Months, today).ShouldBe(new DashboardPeriod(new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 28)));
        DashboardPeriod.ThisAndPreviousMonths(today, 12).ShouldBe(new DashboardPeriod(new DateOnly(2025, 4, 1), today));

        var period = new DashboardPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10));
        period.Previous.ShouldBe(new DashboardPeriod(new DateOnly(2026, 2, 19), new DateOnly(2026, 2, 28)));
        period.Previous.Days.ShouldBe(period.Days);
    }
}
