using System.Text;
using HarfBuzzSharp;
using Nigehban.Web.Platform.Forces;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Nigehban.Web.Platform.Documents;

/// <summary>
/// The fonts official documents are printed with, as a fallback chain: Noto Sans (Latin with every
/// diacritic, Greek, Cyrillic) then Noto Naskh Arabic (Urdu, Arabic, Persian), both shipped inside the
/// assembly under the SIL Open Font License (Fonts/OFL.txt), then any <c>.ttf</c>/<c>.otf</c> the force's
/// pack ships in its <c>fonts/</c> folder for a script of its own. Text is shaped with HarfBuzz, so joined
/// and right-to-left scripts print as they are written.
/// </summary>
public sealed class DocumentFonts : IDisposable
{
    /// <summary>Printed in place of a character no font covers, so the gap is visible rather than silent.</summary>
    private static readonly Rune Replacement = new('?');

    private readonly List<SKTypeface> _regular = [];
    private readonly List<SKTypeface> _bold = [];
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = [];
    private readonly Lock _shaping = new();

    public DocumentFonts(ForcePack force)
    {
        _regular.AddRange([Bundled("NotoSans-Regular.ttf"), Bundled("NotoNaskhArabic-Regular.ttf")]);
        _bold.AddRange([Bundled("NotoSans-Bold.ttf"), Bundled("NotoNaskhArabic-Bold.ttf")]);
        var packFonts = Path.Combine(force.Folder, "fonts");
        if (Directory.Exists(packFonts))
        {
            foreach (var file in Directory.EnumerateFiles(packFonts).Where(IsFontFile).Order(StringComparer.Ordinal))
            {
                var typeface = SKTypeface.FromFile(file) ?? throw new InvalidOperationException($"{file}: not a font file Skia can read.");
                _regular.Add(typeface);
                _bold.Add(typeface);
            }
        }

        foreach (var typeface in _regular.Concat(_bold).Distinct())
        {
            _shapers[typeface] = new SKShaper(typeface);
        }
    }

    /// <summary>Shapes one line of text into a blob ready to draw at a baseline.</summary>
    public ShapedLine Shape(string text, float size, bool bold)
    {
        var chain = bold ? _bold : _regular;
        var replaced = new List<int>();
        var runs = SplitByFont(text, chain, replaced);
        var rightToLeft = runs.Count > 0 && StartsRightToLeft(text);
        if (rightToLeft)
        {
            runs.Reverse(); // right-to-left paragraph: its first run is the rightmost
        }

        using var builder = new SKTextBlobBuilder();
        var x = 0f;
        lock (_shaping)
        {
            foreach (var (typeface, runText) in runs)
            {
                x += AddRun(builder, typeface, runText.ToString(), size, x);
            }
        }

        return new ShapedLine(runs.Count == 0 ? null : builder.Build(), x, replaced);
    }

    public void Dispose()
    {
        foreach (var shaper in _shapers.Values)
        {
            shaper.Dispose();
        }

        foreach (var typeface in _regular.Concat(_bold).Distinct())
        {
            typeface.Dispose();
        }
    }

    private float AddRun(SKTextBlobBuilder builder, SKTypeface typeface, string text, float size, float x)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(utf8);
        buffer.GuessSegmentProperties();
        using var font = new SKFont(typeface, size);
        var shaped = _shapers[typeface].Shape(buffer, x, 0, font);
        var glyphs = shaped.Codepoints.Select(c => (ushort)c).ToArray();
        if (glyphs.Length == 0)
        {
            return 0;
        }

        // The run carries its text and clusters, so the PDF maps every glyph (joined Urdu forms included)
        // back to the characters it shows: copied or extracted text reads as typed.
        var run = builder.AllocatePositionedTextRun(font, glyphs.Length, utf8.Length, null);
        run.SetGlyphs(glyphs);
        run.SetPositions(shaped.Points);
        run.SetText(utf8);
        run.SetClusters(shaped.Clusters);
        return shaped.Width;
    }

    private static List<(SKTypeface Typeface, StringBuilder Text)> SplitByFont(string text, List<SKTypeface> chain, List<int> replaced)
    {
        var runs = new List<(SKTypeface Typeface, StringBuilder Text)>();
        foreach (var original in text.EnumerateRunes())
        {
            var rune = Rune.IsControl(original) ? new Rune(' ') : original;
            var current = runs.Count > 0 ? runs[^1].Typeface : null;
            var typeface = Covering(rune, current, chain);
            if (typeface is null)
            {
                replaced.Add(rune.Value);
                rune = Replacement;
                typeface = Covering(rune, current, chain) ?? chain[0];
            }

            if (typeface != current)
            {
                runs.Add((typeface, new StringBuilder()));
            }

            runs[^1].Text.Append(rune.ToString());
        }

        return runs;
    }

    /// <summary>The current run's font when it has the character (spaces and marks stay in their run), else the first in the chain that has it.</summary>
    private static SKTypeface? Covering(Rune rune, SKTypeface? current, List<SKTypeface> chain)
    {
        if (current is not null && Has(current, rune))
        {
            return current;
        }

        return chain.FirstOrDefault(typeface => Has(typeface, rune));
    }

    private static bool Has(SKTypeface typeface, Rune rune)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyph(rune.Value);
    }

    /// <summary>The paragraph direction from its first strong character (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).</summary>
    private static bool StartsRightToLeft(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                return rune.Value is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF);
            }
        }

        return false;
    }

    private static bool IsFontFile(string path) =>
        path.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".otf", StringComparison.OrdinalIgnoreCase);

    private static SKTypeface Bundled(string fileName)
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"fonts/{fileName}")
            ?? throw new InvalidOperationException($"The bundled font {fileName} is missing from the assembly.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The bundled font {fileName} cannot be read.");
    }
}

/// <summary>A shaped line: draw it at a baseline; <see cref="Replaced"/> lists code points no font covered.</summary>
public sealed class ShapedLine(SKTextBlob? blob, float width, IReadOnlyList<int> replaced) : IDisposable
{
    public float Width { get; } = width;

    public IReadOnlyList<int> Replaced { get; } = replaced;

    public void Draw(SKCanvas canvas, float x, float baseline, SKPaint paint)
    {
        if (blob is not null)
        {
            canvas.DrawText(blob, x, baseline, paint);
        }
    }

    public void Dispose() => blob?.Dispose();
}
