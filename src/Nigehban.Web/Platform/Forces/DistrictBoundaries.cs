using System.Text.Json;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// Simplified outlines of the pack's reference units (districts), from the optional
/// <c>boundaries.json</c>: enough to draw a coloured map with no tile server. Points are
/// (longitude, latitude). A pack without the file has no map.
/// </summary>
public sealed class DistrictBoundaries
{
    public const string FileName = "boundaries.json";

    public DistrictBoundaries(IReadOnlyList<DistrictOutline> districts)
    {
        Districts = districts;
        ByUnit = districts.ToDictionary(d => d.Unit, StringComparer.OrdinalIgnoreCase);
        MinLongitude = districts.SelectMany(d => d.Rings).SelectMany(r => r).Min(p => p.Longitude);
        MaxLongitude = districts.SelectMany(d => d.Rings).SelectMany(r => r).Max(p => p.Longitude);
        MinLatitude = districts.SelectMany(d => d.Rings).SelectMany(r => r).Min(p => p.Latitude);
        MaxLatitude = districts.SelectMany(d => d.Rings).SelectMany(r => r).Max(p => p.Latitude);
    }

    public IReadOnlyList<DistrictOutline> Districts { get; }

    public IReadOnlyDictionary<string, DistrictOutline> ByUnit { get; }

    public double MinLongitude { get; }
    public double MaxLongitude { get; }
    public double MinLatitude { get; }
    public double MaxLatitude { get; }

    /// <summary>Reads and checks the file; null when the pack has none. Faults carry the file and line.</summary>
    public static DistrictBoundaries? Load(string folder, IReadOnlyList<UnitDefinition> units, string referenceKind)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return null;
        }

        var text = File.ReadAllText(file);
        BoundaryFile parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<BoundaryFile>(text, JsonOptions) ?? throw new ForcePackException(file, 1, "empty document");
        }
        catch (JsonException ex)
        {
            throw new ForcePackException(file, (int)(ex.LineNumber ?? 0) + 1, ex.Message.Split(" Path:", 2)[0]);
        }

        if (parsed.Districts is not { Count: > 0 })
        {
            throw new ForcePackException(file, LineOf(text, "districts"), "'districts' must list at least one district outline");
        }

        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var districts = new List<DistrictOutline>();
        foreach (var entry in parsed.Districts)
        {
            var code = entry.Unit?.Trim() ?? "";
            var line = LineOf(text, code);
            if (!byCode.TryGetValue(code, out var unit))
            {
                throw new ForcePackException(file, line, $"unknown unit code '{code}' (not in the units file)");
            }

            if (unit.Kind != referenceKind)
            {
                throw new ForcePackException(file, line, $"'{code}' is a {unit.Kind}; outlines are drawn for units of kind '{referenceKind}'");
            }

            if (!seen.Add(unit.Code))
            {
                throw new ForcePackException(file, LineOf(text, code, occurrence: 2), $"'{code}' has two outlines");
            }

            if (entry.Rings is not { Count: > 0 })
            {
                throw new ForcePackException(file, line, $"'{code}' needs 'rings': at least one ring of [longitude, latitude] points");
            }

            var rings = new List<IReadOnlyList<GeoPoint>>();
            foreach (var ring in entry.Rings)
            {
                if (ring.Count < 3)
                {
                    throw new ForcePackException(file, line, $"a ring of '{code}' has {ring.Count} points; a ring needs at least 3");
                }

                var points = new List<GeoPoint>(ring.Count);
                foreach (var point in ring)
                {
                    if (point.Length != 2 || !double.IsFinite(point[0]) || !double.IsFinite(point[1])
                        || point[0] is < -180 or > 180 || point[1] is < -90 or > 90)
                    {
                        throw new ForcePackException(file, line, $"a point of '{code}' is not [longitude, latitude] within [-180, 180] and [-90, 90]");
                    }

                    points.Add(new GeoPoint(point[0], point[1]));
                }

                rings.Add(points);
            }

            districts.Add(new DistrictOutline(unit.Code, rings));
        }

        return new DistrictBoundaries(districts);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static int LineOf(string text, string token, int occurrence = 1)
    {
        var quoted = $"\"{token}\"";
        var index = -1;
        for (var found = 0; found < occurrence; found++)
        {
            var next = text.IndexOf(quoted, index + 1, StringComparison.OrdinalIgnoreCase);
            if (next < 0)
            {
                break;
            }

            index = next;
        }

        return index < 0 ? 1 : text.AsSpan(0, index).Count('\n') + 1;
    }

    private sealed class BoundaryFile
    {
        public List<BoundaryEntry>? Districts { get; set; }
    }

    private sealed class BoundaryEntry
    {
        public string? Unit { get; set; }
        public List<List<double[]>>? Rings { get; set; }
    }
}

public readonly record struct GeoPoint(double Longitude, double Latitude);

public sealed record DistrictOutline(string Unit, IReadOnlyList<IReadOnlyList<GeoPoint>> Rings);
