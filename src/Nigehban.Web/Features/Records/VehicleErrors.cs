using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// What the stolen-vehicle desk and vehicle registration numbers are refused with (<c>VehicleErrors.resx</c>
/// and one file per language), in the reader's language (ADR-040).
/// </summary>
public sealed class VehicleErrors
{
    private static readonly ErrorTexts Texts = new(typeof(VehicleErrors));

    private VehicleErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);
}
