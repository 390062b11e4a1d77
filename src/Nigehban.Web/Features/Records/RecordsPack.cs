using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Records;

/// <summary>A reason a lookup may be made for (verification, investigation …), with its names per language.</summary>
public sealed record LookupPurpose(string Code, IReadOnlyDictionary<string, string> Names)
{
    public string NameIn(string language) =>
        Names.TryGetValue(language, out var name) ? name
        : Names.TryGetValue("en", out var english) ? english
        : Names.Values.First();
}

/// <summary>
/// The records module's part of the force pack (<c>records.json</c>): the purposes a person lookup
/// states, the limits beyond which lookups count as bulk (ADR-059), whether a person may be told who
/// looked them up, and the tables names are keyed with for search (ADR-058): honorific abbreviations,
/// spellings folded together, and the letters of other scripts written in Latin letters; and for
/// registrations, the time to acknowledge an alert and the time to register a tenant (ADR-064, ADR-065).
/// A pack without the file gets one purpose ("verification"), the default limits and no tables.
/// </summary>
public sealed class RecordsPack
{
    public const string FileName = "records.json";

    public RecordsPack(ForcePack force)
    {
        var path = Path.Combine(force.Folder, FileName);
        var file = File.Exists(path) ? ForcePackLoader.ReadSection<PackFile>(force, FileName) : new PackFile();
        var purposes = new List<LookupPurpose>();
        foreach (var item in file.Purposes is { Count: > 0 } ? file.Purposes : [new PurposeFile { Code = "verification", Names = new() { [force.DefaultLanguage] = "Verification" } }])
        {
            if (string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > 40 || !item.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code ?? "purposes", "purposes: every purpose needs a code of lower-case letters, digits and hyphens (at most 40)");
            }

            if (item.Names is null || !item.Names.ContainsKey(force.DefaultLanguage))
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code, $"purposes: '{item.Code}' needs a name in the default language '{force.DefaultLanguage}'");
            }

            if (purposes.Any(p => p.Code == item.Code))
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code, $"purposes: '{item.Code}' is listed twice");
            }

            purposes.Add(new LookupPurpose(item.Code, item.Names));
        }

        Purposes = purposes;
        var lookups = file.Lookups ?? new LookupsFile();
        LookupsPerMinute = lookups.PerMinute ?? 30;
        SequenceLength = lookups.SequenceLength ?? 4;
        SequenceGap = lookups.SequenceGap ?? 10;
        if (LookupsPerMinute is < 1 or > 10_000 || SequenceLength is < 2 or > 100 || SequenceGap is < 1 or > 1_000_000)
        {
            throw ForcePackLoader.Fail(force, FileName, "lookups",
                "lookups: perMinute lies between 1 and 10000, sequenceLength between 2 and 100, sequenceGap between 1 and 1000000");
        }

        TellsPersonWhoLooked = file.TellsPersonWhoLooked ?? false;
        AlertAcknowledgeWithin = TimeSpan.FromMinutes(file.Alerts?.AcknowledgeWithinMinutes ?? 30);
        TenantRegisterWithin = TimeSpan.FromHours(file.Tenants?.RegisterWithinHours ?? 24);
        if (TenantRegisterWithin <= TimeSpan.Zero || TenantRegisterWithin > TimeSpan.FromDays(90))
        {
            throw ForcePackLoader.Fail(force, FileName, "tenants", "tenants: registerWithinHours lies between 1 and 2160 (90 days)");
        }

        if (AlertAcknowledgeWithin <= TimeSpan.Zero || AlertAcknowledgeWithin > TimeSpan.FromDays(7))
        {
            throw ForcePackLoader.Fail(force, FileName, "alerts", "alerts: acknowledgeWithinMinutes lies between 1 and 10080 (a week)");
        }

        VehicleRegistrations = VehicleRegistrationRule.From(force, FileName, file.Vehicles?.RegistrationIgnores, file.Vehicles?.RegistrationPattern,
            file.Vehicles?.RegistrationExample);
        var names = file.Names ?? new NamesFile();
        Honorifics = Upper(force, "names.honorifics", names.Honorifics);
        Spellings = [.. (names.Spellings ?? []).Select(pair => pair is [var from, var to] && from.Length > 0 && IsLatin(from) && IsLatin(to)
            ? (from.ToUpperInvariant(), to.ToUpperInvariant())
            : throw ForcePackLoader.Fail(force, FileName, "spellings", "names.spellings: every entry is a pair [\"FROM\", \"TO\"] of Latin letters, FROM not empty"))];
        var letters = new Dictionary<char, string>();
        foreach (var (letter, latin) in names.Transliteration ?? [])
        {
            if (letter.Length != 1 || !IsLatin(latin))
            {
                throw ForcePackLoader.Fail(force, FileName, "transliteration", $"names.transliteration: '{letter}' must be one letter written as Latin letters (or \"\")");
            }

            letters[letter[0]] = latin.ToUpperInvariant();
        }

        Transliteration = letters;
    }

    public IReadOnlyList<LookupPurpose> Purposes { get; }

    public LookupPurpose? Purpose(string? code) => Purposes.FirstOrDefault(p => string.Equals(p.Code, code?.Trim(), StringComparison.Ordinal));

    /// <summary>Lookups one user may make in a minute before further lookups are refused (429) and the supervisor is alerted.</summary>
    public int LookupsPerMinute { get; }

    /// <summary>How many national-ID lookups in a row, each a small step from the previous, count as walking IDs in sequence.</summary>
    public int SequenceLength { get; }

    /// <summary>The largest step between two IDs of such a walk.</summary>
    public int SequenceGap { get; }

    /// <summary>Whether a person may be told who looked them up and why (the force's law decides).</summary>
    public bool TellsPersonWhoLooked { get; }

    /// <summary>
    /// How long a station has to acknowledge a registration alert (a wanted person checked in) before it
    /// shows as overdue; around the clock, since hotels and tenants do not keep office hours.
    /// </summary>
    public TimeSpan AlertAcknowledgeWithin { get; }

    /// <summary>How long after moving in a tenant is to be registered; later registrations are marked late.</summary>
    public TimeSpan TenantRegisterWithin { get; }

    /// <summary>How the force writes vehicle registration numbers, and how two writings of one number are compared.</summary>
    public VehicleRegistrationRule VehicleRegistrations { get; }

    /// <summary>Abbreviations written for a whole name part (CH. for CHAUDHRY), upper case, without the dot.</summary>
    public IReadOnlyDictionary<string, string> Honorifics { get; }

    /// <summary>Letter groups that sound alike in names (KH and K), folded left to right in this order.</summary>
    public IReadOnlyList<(string From, string To)> Spellings { get; }

    /// <summary>The letters of the force's other scripts, written in Latin letters as names are spelt.</summary>
    public IReadOnlyDictionary<char, string> Transliteration { get; }

    private static bool IsLatin(string text) => text.All(char.IsAsciiLetter);

    private static Dictionary<string, string> Upper(ForcePack force, string field, Dictionary<string, string>? items)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (abbreviation, full) in items ?? [])
        {
            if (!IsLatin(abbreviation) || abbreviation.Length == 0 || string.IsNullOrWhiteSpace(full) || !full.All(c => char.IsAsciiLetter(c) || c == ' '))
            {
                throw ForcePackLoader.Fail(force, FileName, abbreviation, $"{field}: '{abbreviation}' must be Latin letters standing for a name in Latin letters");
            }

            result[abbreviation.ToUpperInvariant()] = full.ToUpperInvariant();
        }

        return result;
    }

    private sealed class PackFile
    {
        public List<PurposeFile>? Purposes { get; set; }
        public LookupsFile? Lookups { get; set; }
        public bool? TellsPersonWhoLooked { get; set; }
        public NamesFile? Names { get; set; }
        public AlertsFile? Alerts { get; set; }
        public TenantsFile? Tenants { get; set; }
        public VehiclesFile? Vehicles { get; set; }
    }

    private sealed class VehiclesFile
    {
        public string? RegistrationIgnores { get; set; }
        public string? RegistrationPattern { get; set; }
        public string? RegistrationExample { get; set; }
    }

    private sealed class TenantsFile
    {
        public int? RegisterWithinHours { get; set; }
    }

    private sealed class AlertsFile
    {
        public int? AcknowledgeWithinMinutes { get; set; }
    }

    private sealed class PurposeFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
    }

    private sealed class LookupsFile
    {
        public int? PerMinute { get; set; }
        public int? SequenceLength { get; set; }
        public int? SequenceGap { get; set; }
    }

    private sealed class NamesFile
    {
        public Dictionary<string, string>? Honorifics { get; set; }
        public List<string[]>? Spellings { get; set; }
        public Dictionary<string, string>? Transliteration { get; set; }
    }
}

/// <summary>Lets <c>force validate</c> check records.json.</summary>
internal sealed class RecordsPackSection : IForcePackSection
{
    public void Check(ForcePack pack) => _ = new RecordsPack(pack);
}
