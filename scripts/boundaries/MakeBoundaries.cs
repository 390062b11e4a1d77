// Makes a force pack's boundaries.geojson (a standard GeoJSON FeatureCollection, the unit code in the
// property "unit") from a hand-made source file (see *.source.json here):
// each district's outline is the part of the force's outline nearer to the district's point than to
// any other point (a Voronoi cell, clipped to the outline). Run from the repository root:
//   dotnet run scripts/boundaries/MakeBoundaries.cs -- scripts/boundaries/punjab.source.json forces/punjab/boundaries.geojson
using System.Globalization;
using System.Text;
using System.Text.Json;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MakeBoundaries <source.json> <boundaries.geojson>");
    return 2;
}

var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
using var source = JsonDocument.Parse(File.ReadAllText(args[0]), options);
var outline = source.RootElement.GetProperty("outline").EnumerateArray()
    .Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
var points = source.RootElement.GetProperty("points").EnumerateObject()
    .Select(p => (Code: p.Name, X: p.Value[0].GetDouble(), Y: p.Value[1].GetDouble())).ToList();

// Distances are compared on a local equirectangular plane: a degree of longitude is shorter than
// one of latitude by cos(latitude), which matters for a fair split between neighbours.
var scale = Math.Cos(outline.Average(p => p.Y) * Math.PI / 180);

var text = new StringBuilder();
// GeoJSON has no comments: where the outlines come from is told in forces/README.md.
text.Append("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n");
for (var i = 0; i < points.Count; i++)
{
    var cell = outline;
    var own = points[i];
    foreach (var other in points.Where(o => o.Code != own.Code))
    {
        // Keep the side of the perpendicular bisector on which this district's point lies.
        var nx = (other.X - own.X) * scale;
        var ny = other.Y - own.Y;
        var mx = (own.X + other.X) / 2 * scale;
        var my = (own.Y + other.Y) / 2;
        double Side((double X, double Y) p) => ((p.X * scale) - mx) * nx + (p.Y - my) * ny;
        cell = ClipToHalfPlane(cell, Side);
    }

    var ring = cell.Select(p => (X: Math.Round(p.X, 3), Y: Math.Round(p.Y, 3)))
        .Where((p, k) => k == 0 || p != (Math.Round(cell[k - 1].X, 3), Math.Round(cell[k - 1].Y, 3)))
        .ToList();
    if (ring.Count < 3)
    {
        Console.Error.WriteLine($"{own.Code}: its point lies outside the outline");
        return 1;
    }

    ring.Add(ring[0]); // a GeoJSON ring ends where it starts
    text.Append("    {\"type\": \"Feature\", \"properties\": {\"unit\": \"").Append(own.Code).Append("\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[");
    text.Append(string.Join(", ", ring.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.X}, {p.Y}]"))));
    text.Append("]]}}").Append(i < points.Count - 1 ? ",\n" : "\n");
}

text.Append("  ]\n}\n");
File.WriteAllText(args[1], text.ToString());
Console.WriteLine($"{args[1]}: {points.Count} districts");
return 0;

// Sutherland-Hodgman against one half-plane (Side <= 0 is kept). The subject may be concave; a cell
// that falls apart into two pieces comes back joined by a zero-width seam, harmless when drawn.
static List<(double X, double Y)> ClipToHalfPlane(List<(double X, double Y)> polygon, Func<(double X, double Y), double> side)
{
    var result = new List<(double X, double Y)>();
    for (var i = 0; i < polygon.Count; i++)
    {
        var current = polygon[i];
        var next = polygon[(i + 1) % polygon.Count];
        var sc = side(current);
        var sn = side(next);
        if (sc <= 0)
        {
            result.Add(current);
        }

        if ((sc < 0 && sn > 0) || (sc > 0 && sn < 0))
        {
            var t = sc / (sc - sn);
            result.Add((current.X + (t * (next.X - current.X)), current.Y + (t * (next.Y - current.Y))));
        }
    }

    return result;
}
