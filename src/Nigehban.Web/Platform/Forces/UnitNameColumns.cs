namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// A unit's name in the pack's other languages: <c>units.csv</c> may carry a column
/// <c>name_&lt;language&gt;</c> (<c>name_ur</c>, <c>name_rw</c>) beside <c>name</c>, which is in the
/// pack's default language. An empty cell means the name is the same in that language.
/// </summary>
internal static class UnitNameColumns
{
    private const string Prefix = "name_";

    public static List<(int Column, string Language)> Find(IReadOnlyList<string> header, IReadOnlyList<string> languages, string file)
    {
        var columns = new List<(int Column, string Language)>();
        for (var i = 0; i < header.Count; i++)
        {
            var column = header[i].Trim();
            if (!column.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var language = languages.FirstOrDefault(l => l.Equals(column[Prefix.Length..], StringComparison.OrdinalIgnoreCase))
                ?? throw new ForcePackException(file, 1, $"column '{column}' is for a language force.json does not declare (it declares {string.Join(", ", languages)})");
            if (columns.Exists(c => c.Language == language))
            {
                throw new ForcePackException(file, 1, $"column '{column}' appears twice");
            }

            columns.Add((i, language));
        }

        return columns;
    }

    public static IReadOnlyDictionary<string, string> Read(IReadOnlyList<string> cells, List<(int Column, string Language)> columns) =>
        columns.Count == 0
            ? UnitDefinition.NoTranslations
            : columns.Where(c => !string.IsNullOrWhiteSpace(cells[c.Column]))
                .ToDictionary(c => c.Language, c => cells[c.Column].Trim(), StringComparer.OrdinalIgnoreCase);
}
