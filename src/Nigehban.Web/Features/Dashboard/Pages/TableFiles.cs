using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Nigehban.Web.Components.Localization;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>
/// Writes a <see cref="DashboardTable"/> as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel
/// reads Urdu) or as a one-sheet .xlsx. The .xlsx is the handful of SpreadsheetML parts Excel and
/// LibreOffice need, zipped by hand: no package for a single flat sheet.
/// </summary>
public static class TableFiles
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Numbers are written plainly (invariant, no grouping) in the unit the header names; a suppressed
    /// cell keeps its "&lt;5", without the screen's isolate marks.
    /// </summary>
    public static byte[] Csv(DashboardTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', (table.FileHeaders ?? table.Headers).Select(Quote)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(c => Quote(c.Number is { } n ? Number(n) : Bidi.Strip(c.Text)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(DashboardTable table)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part(zip, "_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml",
                $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(SheetName(table.Name))}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part(zip, "xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");

            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            Row(sheet, 1, (table.FileHeaders ?? table.Headers).Select(TableCell.Label));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                Row(sheet, i + 2, table.Rows[i]);
            }

            sheet.Append("</sheetData></worksheet>");
            Part(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }

        return buffer.ToArray();
    }

    private static void Row(StringBuilder sheet, int number, IEnumerable<TableCell> cells)
    {
        sheet.Append("<row r=\"").Append(number).Append("\">");
        var column = 0;
        foreach (var cell in cells)
        {
            var reference = ColumnName(column++) + number.ToString(CultureInfo.InvariantCulture);
            if (cell.Number is { } n)
            {
                sheet.Append("<c r=\"").Append(reference).Append("\"><v>").Append(Number(n)).Append("</v></c>");
            }
            else
            {
                sheet.Append("<c r=\"").Append(reference).Append("\" t=\"inlineStr\"><is><t>").Append(SecurityElement.Escape(Bidi.Strip(cell.Text))).Append("</t></is></c>");
            }
        }

        sheet.Append("</row>");
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static string SheetName(string name) => new string([.. name.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal))]) is { Length: > 0 } clean ? clean[..Math.Min(31, clean.Length)] : "Sheet1";

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    // A leading = + - @ would be run as a formula by a spreadsheet (CSV injection): such text gets a leading apostrophe.
    private static string Quote(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
