using System.Globalization;
using System.Text;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Dashboard.Pages;

/// <summary>
/// Equirectangular projection of the pack's outlines into an SVG view box: longitude scaled by the
/// cosine of the middle latitude so shapes keep their proportions at the force's latitude. Plenty
/// for a province or a small country; no tiles, no network.
/// </summary>
public sealed class MapProjection
{
    private readonly double _minLon;
    private readonly double _maxLat;
    private readonly double _scale;
    private readonly double _xFactor;

    public MapProjection(DistrictBoundaries boundaries, double width = 1000, double padding = 10)
    {
        _minLon = boundaries.MinLongitude;
        _maxLat = boundaries.MaxLatitude;
        _xFactor = Math.Cos((boundaries.MinLatitude + boundaries.MaxLatitude) / 2 * Math.PI / 180);
        var spanX = Math.Max((boundaries.MaxLongitude - boundaries.MinLongitude) * _xFactor, 1e-9);
        var spanY = Math.Max(boundaries.MaxLatitude - boundaries.MinLatitude, 1e-9);
        _scale = (width - (2 * padding)) / spanX;
        Padding = padding;
        Width = width;
        Height = Math.Ceiling((spanY * _scale) + (2 * padding));
    }

    public double Width { get; }

    public double Height { get; }

    public double Padding { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    public (double X, double Y) Project(GeoPoint point) =>
        (Padding + ((point.Longitude - _minLon) * _xFactor * _scale), Padding + ((_maxLat - point.Latitude) * _scale));

    /// <summary>The SVG path data of one district: one closed sub-path per ring.</summary>
    public string PathOf(DistrictOutline district)
    {
        var data = new StringBuilder();
        foreach (var ring in district.Rings)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                var (x, y) = Project(ring[i]);
                data.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            }

            data.Append('Z');
        }

        return data.ToString();
    }

    /// <summary>Where to put a district's label: the mean of its first ring's points (good enough for convex-ish cells).</summary>
    public (double X, double Y) LabelPoint(DistrictOutline district)
    {
        var ring = district.Rings[0];
        return Project(new GeoPoint(ring.Average(p => p.Longitude), ring.Average(p => p.Latitude)));
    }
}
