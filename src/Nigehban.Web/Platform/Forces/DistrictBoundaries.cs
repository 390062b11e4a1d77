using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// Outlines of the pack's reference units (districts), from the optional <c>boundaries.geojson</c>
/// (standard GeoJSON; the project's older <c>boundaries.json</c> is read when there is none): enough
/// to draw a coloured map with no tile server. Points are (longitude, latitude). A pack without
/// either file has no map.
/// </summary>
public sealed class DistrictBoundaries
{
    public const string FileName = "boundaries.geojson";

    /// <summary>The project's earlier format (<c>{"districts":[{"unit","rings"}]}</c>), read when a pack has no GeoJSON.</summary>
    public const string LegacyFileName = "boundaries.json";

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
        List<(string Code, List<List<double[]>> Rings)> entries;
        string text;
        if (File.Exists(file))
        {
            text = File.ReadAllText(file);
            entries = ReadGeoJson(file, text);
        }
        else if (File.Exists(Path.Combine(folder, LegacyFileName)))
        {
            file = Path.Combine(folder, LegacyFileName);
            text = File.ReadAllText(file);
            entries = ReadLegacy(file, text);
        }
        else
        {
            return null;
        }

        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var districts = new List<DistrictOutline>();
        foreach (var entry in entries)
        {
            var code = entry.Code.Trim();
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

            if (entry.Rings.Count == 0)
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

    /// <summary>
    /// Reads standard GeoJSON with NetTopologySuite: a FeatureCollection whose features carry the
    /// unit code in the property <c>unit</c> and a Polygon or MultiPolygon of (longitude, latitude).
    /// Every ring becomes an outline ring, without the closing point that GeoJSON repeats.
    /// </summary>
    private static List<(string Code, List<List<double[]>> Rings)> ReadGeoJson(string file, string text)
    {
        FeatureCollection collection;
        try
        {
            collection = JsonSerializer.Deserialize<FeatureCollection>(text, GeoJsonOptions) ?? throw new ForcePackException(file, 1, "empty document");
        }
        catch (JsonException ex)
        {
            throw new ForcePackException(file, (int)(ex.LineNumber ?? 0) + 1, ex.Message.Split(" Path:", 2)[0]);
        }
        catch (ArgumentException ex)
        {
            throw new ForcePackException(file, 1, $"not a valid GeoJSON geometry: {ex.Message}");
        }

        var entries = new List<(string, List<List<double[]>>)>();
        foreach (var feature in collection)
        {
            var code = feature.Attributes?.GetOptionalValue("unit") switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new ForcePackException(file, LineOf(text, "properties"), "every feature needs the unit code in its properties: \"properties\": { \"unit\": \"CODE\" }");
            }

            Polygon[] polygons = feature.Geometry switch
            {
                Polygon polygon => [polygon],
                MultiPolygon multi => [.. multi.Geometries.Cast<Polygon>()],
                _ => throw new ForcePackException(file, LineOf(text, code), $"the outline of '{code}' must be a Polygon or MultiPolygon, not {feature.Geometry?.GeometryType ?? "nothing"}"),
            };
            var rings = polygons.SelectMany(p => new[] { p.ExteriorRing }.Concat(p.InteriorRings))
                .Select(ring => ring.Coordinates.Take(ring.Coordinates.Length - 1).Select(c => new[] { c.X, c.Y }).ToList())
                .ToList();
            entries.Add((code, rings));
        }

        if (entries.Count == 0)
        {
            throw new ForcePackException(file, LineOf(text, "features"), "'features' must list at least one district outline");
        }

        return entries;
    }

    private static readonly JsonSerializerOptions GeoJsonOptions = CreateGeoJsonOptions();

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    private static List<(string Code, List<List<double[]>> Rings)> ReadLegacy(string file, string text)
    {
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

        return [.. parsed.Districts.Select(d => (d.Unit ?? "", d.Rings ?? []))];
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
