using Nigehban.Web.Platform.Csv;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// Splits one line of a pack's CSV file (pack files keep one record per line) with the platform's
/// CSV reader, so a pack and an import read quotes the same way; a malformed line is refused.
/// </summary>
public static class SimpleCsv
{
    public static List<string> Split(string line) =>
        TrySplit(line, out var cells, out var malformed) ? cells : throw new FormatException($"Malformed CSV line: {malformed}.");

    /// <summary>A line of a pack file: a malformed one is a mistake named by file and line.</summary>
    public static List<string> Split(string line, string file, int lineNumber) =>
        TrySplit(line, out var cells, out var malformed) ? cells : throw new ForcePackException(file, lineNumber, $"malformed CSV: {malformed}");

    private static bool TrySplit(string line, out List<string> cells, out string? malformed)
    {
        // One line only: a quote left open at its end is malformed here, not a field running on.
        using var reader = new StringReader(line);
        cells = new CsvRecordReader(reader).Next(out _, out malformed) ?? [""];
        return malformed is null;
    }
}
