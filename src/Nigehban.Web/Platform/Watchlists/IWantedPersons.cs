namespace Nigehban.Web.Platform.Watchlists;

/// <summary>
/// One person wanted in a case: as much as a registration desk needs to raise a match, and no more
/// (no statements, no parties, no case diary). <paramref name="WantedSince"/> is the date of the
/// court's proclamation.
/// </summary>
public sealed record WantedEntry(string Name, string? FatherName, string? NationalId, string FirReference, string FirNumber,
    string StationCode, DateOnly WantedSince, string Court);

/// <summary>
/// The persons wanted now (proclaimed offenders not yet arrested), asked by other modules — the
/// records module matches hotel, tenant and other registrations against it — without knowing which
/// module keeps them. Force-wide on purpose: a guest wanted in another district is still wanted.
/// </summary>
public interface IWantedPersons
{
    /// <summary>Entries whose national ID is <paramref name="nationalId"/> (written as the force writes it, or in its normal form).</summary>
    Task<IReadOnlyList<WantedEntry>> ByNationalIdAsync(string nationalId, CancellationToken cancellationToken);

    /// <summary>
    /// Entries whose name has the key of <paramref name="name"/> (<see cref="WantedNames.KeyOf"/>); with
    /// <paramref name="fatherName"/>, only those whose father's name has its key too, or who were
    /// proclaimed without one.
    /// </summary>
    Task<IReadOnlyList<WantedEntry>> ByNameAsync(string name, string? fatherName, CancellationToken cancellationToken);
}

/// <summary>How names are compared for a wanted-person match: letters only, case and accents aside.</summary>
public static class WantedNames
{
    public static string KeyOf(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(char.IsLetter).Select(char.ToUpperInvariant)]);
    }
}
