using QRCoder;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Nigehban.Web.Platform.Documents;

/// <summary>What goes on an issued document: a title, labelled fields, and a QR code for verification.</summary>
public sealed record OfficialDocument(
    string Issuer,
    string Title,
    IReadOnlyList<(string Label, string Value)> Fields,
    string? Statement,
    string VerificationUrl,
    string Footer);

/// <summary>
/// Renders an official document as a one-page A4 PDF with PdfPig (Apache-2.0). The QR code is drawn
/// from QRCoder's module matrix as filled squares, so it stays sharp at any zoom and needs no image codec.
/// Text uses the standard Helvetica font, which every PDF reader has.
/// </summary>
public static class OfficialDocumentPdf
{
    private const double Margin = 56;

    public static byte[] Render(OfficialDocument document)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        var width = page.PageSize.Width;
        var top = page.PageSize.Height - Margin;

        page.SetTextAndFillColor(11, 61, 46);
        page.DrawRectangle(new PdfPoint(0, page.PageSize.Height - 12), width, 12, 0, fill: true);
        page.AddText(Latin(document.Issuer), 12, new PdfPoint(Margin, top - 8), bold);
        page.SetTextAndFillColor(0, 0, 0);
        page.AddText(Latin(document.Title), 22, new PdfPoint(Margin, top - 48), bold);

        var y = top - 100;
        foreach (var (label, value) in document.Fields)
        {
            page.AddText(Latin(label), 10, new PdfPoint(Margin, y), regular);
            page.AddText(Latin(value), 12, new PdfPoint(Margin + 150, y), bold);
            y -= 24;
        }

        if (!string.IsNullOrWhiteSpace(document.Statement))
        {
            y -= 12;
            foreach (var line in Wrap(Latin(document.Statement), 85))
            {
                page.AddText(line, 11, new PdfPoint(Margin, y), regular);
                y -= 16;
            }
        }

        // QR code bottom right, with the verification URL beside it for people without a scanner.
        const double qrSize = 150;
        var qrOrigin = new PdfPoint(width - Margin - qrSize, Margin + 40);
        DrawQr(page, document.VerificationUrl, qrOrigin, qrSize);
        page.AddText("Scan to verify, or open:", 9, new PdfPoint(Margin, Margin + 150), regular);
        var urlY = Margin + 136;
        foreach (var line in Wrap(document.VerificationUrl, 60))
        {
            page.AddText(line, 8, new PdfPoint(Margin, urlY), regular);
            urlY -= 11;
        }

        page.AddText(Latin(document.Footer), 8, new PdfPoint(Margin, Margin), regular);
        return builder.Build();
    }

    private static void DrawQr(PdfPageBuilder page, string payload, PdfPoint origin, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the quiet zone
        var count = matrix.Count;
        var module = size / count;
        page.SetTextAndFillColor(255, 255, 255);
        page.DrawRectangle(origin, size, size, 0, fill: true);
        page.SetTextAndFillColor(0, 0, 0);
        for (var row = 0; row < count; row++)
        {
            for (var col = 0; col < count; col++)
            {
                if (matrix[row][col])
                {
                    // PDF's y axis points up: row 0 is the top of the code.
                    var x = origin.X + (col * module);
                    var yy = origin.Y + size - ((row + 1) * module);
                    page.DrawRectangle(new PdfPoint(x, yy), module + 0.01, module + 0.01, 0, fill: true);
                }
            }
        }
    }

    /// <summary>Helvetica covers Latin-1 only: other characters are replaced rather than dropped silently.</summary>
    private static string Latin(string text) => new(text.Select(c => c is >= ' ' and <= '\u00ff' ? c : '?').ToArray());

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ').SelectMany(w => w.Chunk(width).Select(c => new string(c))))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
