using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nigehban.Web.Platform.Forces;

/// <summary>Reading <c>units.csv</c>: the hierarchy, its kinds and its names in the pack's languages.</summary>
public static partial class ForcePackLoader
{
    private static List<UnitDefinition> LoadUnits(string file, IReadOnlyList<string> kinds, string referenceKind, IReadOnlyList<string> languages)
    {
        if (!File.Exists(file))
        {
            throw new ForcePackException(file, 0, "file not found");
        }

        var lines = File.ReadAllLines(file);
        if (lines.Length == 0)
        {
            throw new ForcePackException(file, 1, "empty file: expected a header code,name,kind,parent,short_code");
        }

        var header = SimpleCsv.Split(lines[0], file, 1);
        int Column(string name) => header.FindIndex(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i
            : throw new ForcePackException(file, 1, $"missing column '{name}'");
        var code = Column("code");
        var nameColumn = Column("name");
        var kind = Column("kind");
        var parent = Column("parent");
        var shortCode = Column("short_code");
        var translatedNames = UnitNameColumns.Find(header, languages, file);

        var units = new List<UnitDefinition>();
        var byCode = new Dictionary<string, UnitDefinition>(StringComparer.OrdinalIgnoreCase);
        var byShortCode = new Dictionary<string, UnitDefinition>(StringComparer.OrdinalIgnoreCase);
        UnitDefinition? root = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].StartsWith('#'))
            {
                continue;
            }

            var cells = SimpleCsv.Split(lines[i], file, lineNumber);
            if (cells.Count != header.Count)
            {
                throw new ForcePackException(file, lineNumber, $"expected {header.Count} columns, found {cells.Count}");
            }

            var unit = new UnitDefinition(
                cells[code].Trim(),
                cells[nameColumn].Trim(),
                cells[kind].Trim(),
                NullIfEmpty(cells[parent]),
                NullIfEmpty(cells[shortCode]),
                lineNumber)
            {
                Names = UnitNameColumns.Read(cells, translatedNames),
            };

            if (unit.Code.Length is 0 or > 40 || !unit.Code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new ForcePackException(file, lineNumber, $"unit code '{unit.Code}' must be 1-40 letters, digits or '-'");
            }

            if (unit.Name.Length == 0)
            {
                throw new ForcePackException(file, lineNumber, $"unit '{unit.Code}' has no name");
            }

            var depth = kinds.ToList().IndexOf(unit.Kind);
            if (depth < 0)
            {
                throw new ForcePackException(file, lineNumber, $"unknown kind '{unit.Kind}' (expected one of {string.Join(", ", kinds)})");
            }

            if (!byCode.TryAdd(unit.Code, unit))
            {
                throw new ForcePackException(file, lineNumber, $"duplicate unit code '{unit.Code}' (first on line {byCode[unit.Code].Line})");
            }

            if (unit.ParentCode is null)
            {
                if (depth != 0)
                {
                    throw new ForcePackException(file, lineNumber, $"unit '{unit.Code}' of kind '{unit.Kind}' needs a parent");
                }

                if (root is not null)
                {
                    throw new ForcePackException(file, lineNumber, $"the hierarchy has one root unit ('{root.Code}' on line {root.Line}); '{unit.Code}' needs a parent");
                }

                root = unit;
            }
            else if (!byCode.TryGetValue(unit.ParentCode, out var parentUnit))
            {
                throw new ForcePackException(file, lineNumber, $"parent '{unit.ParentCode}' is not defined above this line");
            }
            else if (kinds.ToList().IndexOf(parentUnit.Kind) >= depth)
            {
                throw new ForcePackException(file, lineNumber, $"a {unit.Kind} cannot sit under a {parentUnit.Kind}");
            }

            // Reference numbers carry the short code of this kind of unit (PKM-LHR-...): it must exist and be unique.
            if (unit.Kind == referenceKind)
            {
                if (unit.ShortCode is null || unit.ShortCode.Length is < 2 or > 4 || !unit.ShortCode.All(char.IsAsciiLetterUpper))
                {
                    throw new ForcePackException(file, lineNumber, $"{referenceKind} '{unit.Code}' needs a short_code of 2-4 capital letters (it appears in reference numbers)");
                }

                if (!byShortCode.TryAdd(unit.ShortCode, unit))
                {
                    throw new ForcePackException(file, lineNumber, $"short_code '{unit.ShortCode}' is already used by '{byShortCode[unit.ShortCode].Code}' on line {byShortCode[unit.ShortCode].Line}");
                }
            }

            units.Add(unit);
        }

        if (root is null)
        {
            throw new ForcePackException(file, Math.Max(lines.Length, 1), "the hierarchy has no root unit (a unit with no parent)");
        }

        return units;
    }
}
