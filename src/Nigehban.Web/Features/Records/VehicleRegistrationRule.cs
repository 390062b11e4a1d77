using System.Text.RegularExpressions;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A force's vehicle registration numbers (<c>records.json</c>, <c>vehicles</c>; ADR-067): the
/// characters a number is written with but not compared on (spaces, dashes), and the shape a number
/// has once they are dropped and letters are upper-cased. "LEA-1234", "lea 1234" and "LEA1234" are
/// then one number. A pack without the section drops spaces, dashes, dots and slashes and accepts 2 to
/// 15 letters and digits.
/// </summary>
public sealed class VehicleRegistrationRule
{
    private const string DefaultIgnores = " -./";
    private const string DefaultPattern = "^[A-Z0-9]{2,15}$";
    private readonly Regex _shape;

    private VehicleRegistrationRule(string ignores, Regex shape, string example)
    {
        Ignores = ignores;
        _shape = shape;
        Example = example;
    }

    /// <summary>The characters dropped before comparing.</summary>
    public string Ignores { get; }

    /// <summary>A number written as the force writes it, for error messages and forms.</summary>
    public string Example { get; }

    /// <summary>The number in the form it is stored and compared in, or null when it is not one of the force's numbers.</summary>
    public string? Normalise(string? written)
    {
        if (string.IsNullOrWhiteSpace(written) || written.Length > 30)
        {
            return null;
        }

        var kept = new string([.. written.Trim().Where(c => !Ignores.Contains(c, StringComparison.Ordinal)).Select(char.ToUpperInvariant)]);
        return _shape.IsMatch(kept) ? kept : null;
    }

    internal static VehicleRegistrationRule From(ForcePack force, string fileName, string? ignores, string? pattern, string? example)
    {
        Regex shape;
        try
        {
            shape = new Regex(pattern ?? DefaultPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            throw ForcePackLoader.Fail(force, fileName, "registrationPattern", $"vehicles.registrationPattern is not a regular expression: {e.Message}");
        }

        var rule = new VehicleRegistrationRule(ignores ?? DefaultIgnores, shape, example ?? "ABC-123");
        if (rule.Normalise(rule.Example) is null)
        {
            throw ForcePackLoader.Fail(force, fileName, "registrationExample",
                $"vehicles.registrationExample '{rule.Example}' does not fit registrationPattern once '{rule.Ignores}' are dropped");
        }

        return rule;
    }
}
