using System.Globalization;
using SkiaSharp;

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
/// Renders an official document as a one-page A4 PDF with SkiaSharp (MIT). Text is shaped by
/// <see cref="DocumentFonts"/> and the fonts are embedded, so a holder's name prints in its own script;
/// the QR code is vector (<see cref="QrCode"/>). A character no font covers prints as a visible mark and
/// is logged; it never fails the document.
/// </summary>
public sealed partial class OfficialDocumentPdf(DocumentFonts fonts, ILogger<OfficialDocumentPdf> logger)
{
    private const float PageWidth = 595.28f; // A4 in points
    private const float PageHeight = 841.89f;
    private const float Margin = 56;
    private const float ValueColumn = Margin + 150;
    private const float QrSize = 150;
    private static readonly SKColor Brand = new(11, 61, 46);

    public byte[] Render(OfficialDocument document)
    {
        using var stream = new MemoryStream();
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = document.Title;
        metadata.Creator = document.Issuer;
        metadata.Producer = "Nigehban";
        var replaced = new SortedSet<int>();
        using (var pdf = SKDocument.CreatePdf(stream, metadata))
        {
            var canvas = pdf.BeginPage(PageWidth, PageHeight);
            var page = new Page(canvas, fonts, replaced);
            page.Draw(document);
            pdf.EndPage();
            pdf.Close();
        }

        if (replaced.Count > 0)
        {
            LogReplaced(logger, document.Title, replaced.Count, string.Join(' ', replaced.Select(c => $"U+{c:X4}")));
        }

        return stream.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Official document \"{Title}\": {Count} character(s) no document font covers were printed as '?': {CodePoints}. Add a font for that script to the force pack's fonts/ folder.")]
    private static partial void LogReplaced(ILogger logger, string title, int count, string codePoints);

    /// <summary>One page being drawn; y grows downwards from the top edge.</summary>
    private sealed class Page(SKCanvas canvas, DocumentFonts fonts, SortedSet<int> replaced)
    {
        public void Draw(OfficialDocument document)
        {
            using var fill = new SKPaint { Color = Brand, Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawRect(SKRect.Create(0, 0, PageWidth, 12), fill);
            Text(document.Issuer, Margin, Margin + 8, 12, bold: true, fill);
            fill.Color = SKColors.Black;
            var y = Wrapped(document.Title, Margin, Margin + 48, PageWidth - (2 * Margin), 22, bold: true, 28, fill);

            y += 30;
            foreach (var (label, value) in document.Fields)
            {
                Text(label, Margin, y, 10, bold: false, fill);
                y = Wrapped(value, ValueColumn, y, PageWidth - Margin - ValueColumn, 12, bold: true, 16, fill) + 24;
            }

            if (!string.IsNullOrWhiteSpace(document.Statement))
            {
                Wrapped(document.Statement, Margin, y + 12, PageWidth - (2 * Margin), 11, bold: false, 16, fill);
            }

            // QR code bottom right, with the verification URL beside it for people without a scanner.
            var qrTop = PageHeight - Margin - 40 - QrSize;
            QrCode.Draw(canvas, document.VerificationUrl, SKRect.Create(PageWidth - Margin - QrSize, qrTop, QrSize, QrSize));
            Text("Scan to verify, or open:", Margin, PageHeight - Margin - 150, 9, bold: false, fill);
            var urlY = PageHeight - Margin - 136;
            foreach (var chunk in document.VerificationUrl.Chunk(60))
            {
                Text(new string(chunk), Margin, urlY, 8, bold: false, fill);
                urlY += 11;
            }

            Wrapped(document.Footer, Margin, PageHeight - Margin, PageWidth - (2 * Margin), 8, bold: false, 10, fill);
        }

        private float Text(string text, float x, float baseline, float size, bool bold, SKPaint paint)
        {
            using var line = fonts.Shape(text, size, bold);
            line.Draw(canvas, x, baseline, paint);
            replaced.UnionWith(line.Replaced);
            return line.Width;
        }

        /// <summary>Draws text wrapped at spaces to <paramref name="width"/>; returns the last line's baseline.</summary>
        private float Wrapped(string text, float x, float baseline, float width, float size, bool bold, float lineHeight, SKPaint paint)
        {
            var lines = Lines(text, width, size, bold).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                Text(lines[i], x, baseline + (i * lineHeight), size, bold, paint);
            }

            return baseline + (Math.Max(lines.Count - 1, 0) * lineHeight);
        }

        private IEnumerable<string> Lines(string text, float width, float size, bool bold)
        {
            var line = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(w => Pieces(w, width, size, bold)))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && Measure(candidate, size, bold) > width)
                {
                    yield return line;
                    candidate = word;
                }

                line = candidate;
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }

        /// <summary>A word wider than the column is cut between characters (never inside one).</summary>
        private IEnumerable<string> Pieces(string word, float width, float size, bool bold)
        {
            if (Measure(word, size, bold) <= width)
            {
                yield return word;
                yield break;
            }

            var piece = string.Empty;
            var elements = StringInfo.GetTextElementEnumerator(word);
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                if (piece.Length > 0 && Measure(piece + element, size, bold) > width)
                {
                    yield return piece;
                    piece = string.Empty;
                }

                piece += element;
            }

            if (piece.Length > 0)
            {
                yield return piece;
            }
        }

        private float Measure(string text, float size, bool bold)
        {
            using var line = fonts.Shape(text, size, bold);
            return line.Width;
        }
    }
}
