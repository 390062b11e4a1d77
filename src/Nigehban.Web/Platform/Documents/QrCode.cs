using System.Globalization;
using System.Text;
using QRCoder;
using SkiaSharp;

namespace Nigehban.Web.Platform.Documents;

/// <summary>
/// The one QR renderer: QRCoder's module matrix drawn as merged horizontal runs of dark modules, either as
/// inline SVG for pages (no image file, no script, so it passes the strict content security policy) or as
/// filled rectangles on a PDF canvas (vector, sharp at any zoom, no image codec).
/// </summary>
public static class QrCode
{
    public static string ToSvg(string text, string title)
    {
        var (size, runs) = Runs(text);
        var path = new StringBuilder();
        foreach (var (row, start, length) in runs)
        {
            path.Append(CultureInfo.InvariantCulture, $"M{start} {row}h{length}v1h-{length}z");
        }

        var escapedTitle = System.Net.WebUtility.HtmlEncode(title);
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" role="img" aria-label="{escapedTitle}" class="qr-code"><title>{escapedTitle}</title><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }

    /// <summary>Draws the code, quiet zone included, into <paramref name="area"/> (a square).</summary>
    public static void Draw(SKCanvas canvas, string text, SKRect area)
    {
        var (size, runs) = Runs(text);
        var module = area.Width / size;
        using var paint = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawRect(area, paint);
        paint.Color = SKColors.Black;
        foreach (var (row, start, length) in runs)
        {
            canvas.DrawRect(SKRect.Create(area.Left + (start * module), area.Top + (row * module), length * module, module), paint);
        }
    }

    /// <summary>The matrix size (quiet zone included) and each horizontal run of dark modules.</summary>
    private static (int Size, List<(int Row, int Start, int Length)> Runs) Runs(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var runs = new List<(int, int, int)>();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x])
                {
                    continue;
                }

                var start = x;
                while (x + 1 < size && row[x + 1])
                {
                    x++;
                }

                runs.Add((y, start, x - start + 1));
            }
        }

        return (size, runs);
    }
}
