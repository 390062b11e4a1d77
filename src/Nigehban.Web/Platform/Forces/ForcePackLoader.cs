using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nigehban.Web.Platform.Forces;

/// <summary>A force pack that cannot be used, with the file and line that made it so.</summary>
public sealed class ForcePackException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}

/// <summary>
/// Reads and validates a force pack folder: <c>force.json</c> (identity, languages, ID rule),
/// <c>calendar.json</c> (working week, holidays) and <c>units.csv</c> (the hierarchy).
/// Every problem is reported with the file and line so the person writing a pack can fix it.
/// </summary>
public static partial class ForcePackLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A missing or null value where the manifest types say one is required is reported with its line.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static ForcePack Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ForcePackException(folder, 0, "force pack folder not found");
        }

        var forceFile = Path.Combine(folder, "force.json");
        var manifest = ReadJson<ForceManifest>(forceFile);
        var text = File.ReadAllText(forceFile);

        Require(forceFile, text, "code", manifest.Code);
        Require(forceFile, text, "name", manifest.Name);
        Require(forceFile, text, "timeZone", manifest.TimeZone);
        Require(forceFile, text, "currency", manifest.Currency);

        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(manifest.TimeZone!);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ForcePackException(forceFile, LineOf(text, "timeZone"), $"unknown time zone '{manifest.TimeZone}'");
        }

        if (manifest.Languages is not { Count: > 0 })
        {
            throw new ForcePackException(forceFile, LineOf(text, "languages"), "at least one language is required");
        }

        var languageCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in manifest.Languages)
        {
            if (language.Code.Length is < 2 or > 10 || !languageCodes.Add(language.Code))
            {
                throw new ForcePackException(forceFile, LineOf(text, language.Code), $"language code '{language.Code}' must be a distinct language tag such as 'en' or 'ur'");
            }
        }

        var names = new Dictionary<string, string>(manifest.Names ?? [], StringComparer.OrdinalIgnoreCase);
        if (names.FirstOrDefault(n => !languageCodes.Contains(n.Key) || string.IsNullOrWhiteSpace(n.Value)) is { Key: not null } badName)
        {
            throw new ForcePackException(forceFile, LineOf(text, "names"), $"names: '{badName.Key}' must be one of the languages, with a name");
        }

        if (manifest.UnitKinds is not { Count: > 0 })
        {
            throw new ForcePackException(forceFile, LineOf(text, "unitKinds"), "unitKinds must list the hierarchy from top to bottom");
        }

        foreach (var kindProperty in new[] { ("referenceUnitKind", manifest.ReferenceUnitKind), ("stationUnitKind", manifest.StationUnitKind) })
        {
            if (kindProperty.Item2 is null || !manifest.UnitKinds.Contains(kindProperty.Item2))
            {
                throw new ForcePackException(forceFile, LineOf(text, kindProperty.Item1), $"{kindProperty.Item1} must be one of unitKinds");
            }
        }

        var idRule = BuildIdRule(forceFile, text, manifest.NationalId, languageCodes);
        var calendar = LoadCalendar(Path.Combine(folder, manifest.Calendar ?? "calendar.json"));
        var units = LoadUnits(Path.Combine(folder, manifest.Units ?? "units.csv"), manifest.UnitKinds, manifest.ReferenceUnitKind!, [.. manifest.Languages.Select(l => l.Code)]);

        return new ForcePack
        {
            Code = manifest.Code!,
            Name = manifest.Name!,
            Names = names,
            Folder = Path.GetFullPath(folder),
            TimeZone = timeZone,
            Currency = manifest.Currency!,
            Languages = [.. manifest.Languages.Select(l => new ForceLanguage(l.Code, l.Name, l.Rtl))],
            UnitKinds = manifest.UnitKinds,
            ReferenceUnitKind = manifest.ReferenceUnitKind!,
            StationUnitKind = manifest.StationUnitKind!,
            NationalId = idRule,
            Calendar = calendar,
            Units = units,
            Boundaries = DistrictBoundaries.Load(folder, units, manifest.ReferenceUnitKind!),
            MessageSignature = ReadSignature(forceFile, text, manifest, languageCodes),
            Parentage = ReadLabels(forceFile, text, "parentage", manifest.Parentage, languageCodes),
        };
    }

    /// <summary>
    /// Reads a module's own file from the pack (for example <c>services.json</c>), with the same
    /// file-and-line errors as the core files. Modules validate their content and report faults
    /// through <see cref="Fail"/>.
    /// </summary>
    public static T ReadSection<T>(ForcePack pack, string fileName) => ReadJson<T>(Path.Combine(pack.Folder, fileName));

    /// <summary>A fault in a module's pack file, located at the first line mentioning <paramref name="token"/>.</summary>
    public static ForcePackException Fail(ForcePack pack, string fileName, string token, string message)
    {
        var file = Path.Combine(pack.Folder, fileName);
        return new ForcePackException(file, File.Exists(file) ? LineOf(File.ReadAllText(file), token) : 0, message);
    }

    /// <summary>The name messages to citizens are signed with, per language; the force's name where the pack gives none.</summary>
    private static Dictionary<string, string> ReadSignature(string file, string text, ForceManifest manifest, HashSet<string> languageCodes) =>
        ReadLabels(file, text, "messageSignature", manifest.MessageSignature ?? new Dictionary<string, string> { [manifest.Languages![0].Code] = manifest.Name! }, languageCodes);

    /// <summary>A short label per language (1-40 characters), each language one of the pack's.</summary>
    private static Dictionary<string, string> ReadLabels(string file, string text, string key, Dictionary<string, string>? labels, HashSet<string> languageCodes)
    {
        foreach (var (language, label) in labels ?? [])
        {
            if (!languageCodes.Contains(language) || string.IsNullOrWhiteSpace(label) || label.Length > 40)
            {
                throw new ForcePackException(file, LineOf(text, key), $"{key}: '{language}' must be one of the pack's languages with a label of 1-40 characters");
            }
        }

        return new Dictionary<string, string>(labels ?? [], StringComparer.OrdinalIgnoreCase);
    }

    private static NationalIdRule BuildIdRule(string file, string text, NationalIdManifest? id, HashSet<string> languageCodes)
    {
        if (id is null)
        {
            throw new ForcePackException(file, LineOf(text, "nationalId"), "nationalId rule is required");
        }

        var names = new Dictionary<string, string>(id.Names ?? [], StringComparer.OrdinalIgnoreCase);
        if (names.FirstOrDefault(n => !languageCodes.Contains(n.Key) || string.IsNullOrWhiteSpace(n.Value)) is { Key: not null } badName)
        {
            throw new ForcePackException(file, LineOfNamesIn(text, "nationalId"),
                $"nationalId.names: '{badName.Key}' must be one of the languages, with a name");
        }

        try
        {
            var rule = new NationalIdRule(id.Name, id.Accepted, id.Normalised, id.Display, id.Example) { Names = names };
            if (rule.Normalise(id.Example) is null)
            {
                throw new ForcePackException(file, LineOf(text, "example"), $"the example '{id.Example}' does not satisfy the national ID rule");
            }

            return rule;
        }
        catch (ArgumentException ex)
        {
            throw new ForcePackException(file, LineOf(text, "nationalId"), $"invalid pattern: {ex.Message}");
        }
    }

    private static WorkingCalendar LoadCalendar(string file)
    {
        var manifest = ReadJson<CalendarManifest>(file);
        var text = File.ReadAllText(file);
        var days = new List<DayOfWeek>();
        foreach (var day in manifest.WorkingDays ?? [])
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed))
            {
                throw new ForcePackException(file, LineOf(text, day), $"'{day}' is not a day of the week");
            }

            days.Add(parsed);
        }

        if (days.Count == 0)
        {
            throw new ForcePackException(file, LineOf(text, "workingDays"), "workingDays must name at least one day");
        }

        var holidays = new Dictionary<DateOnly, string>();
        foreach (var holiday in manifest.Holidays ?? [])
        {
            if (!DateOnly.TryParseExact(holiday.Date, "yyyy-MM-dd", out var date))
            {
                throw new ForcePackException(file, LineOf(text, holiday.Date ?? "holidays"), $"'{holiday.Date}' is not a date (yyyy-MM-dd)");
            }

            // A repeated date is usually last year's line copied without changing the year.
            if (!holidays.TryAdd(date, holiday.Name ?? "holiday"))
            {
                throw new ForcePackException(file, LineOf(text, holiday.Date!, occurrence: 2), $"holiday {holiday.Date} is listed twice");
            }
        }

        return new WorkingCalendar(days, holidays);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Require(string file, string text, string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ForcePackException(file, LineOf(text, property), $"'{property}' is required");
        }
    }

    private static T ReadJson<T>(string file)
    {
        if (!File.Exists(file))
        {
            throw new ForcePackException(file, 0, "file not found");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), JsonOptions)
                ?? throw new ForcePackException(file, 1, "empty document");
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            throw new ForcePackException(file, line, ex.Message.Split(" Path:", 2)[0]);
        }
    }

    /// <summary>Line (1-based) of an occurrence of a quoted JSON property or value, for error messages.</summary>
    /// <summary>The line of the <c>names</c> inside the object <paramref name="owner"/> (force.json has another above it).</summary>
    private static int LineOfNamesIn(string text, string owner)
    {
        var start = text.IndexOf($"\"{owner}\"", StringComparison.Ordinal);
        var index = start < 0 ? -1 : text.IndexOf("\"names\"", start, StringComparison.Ordinal);
        return index < 0 ? LineOf(text, owner) : text.AsSpan(0, index).Count('\n') + 1;
    }

    private static int LineOf(string text, string token, int occurrence = 1)
    {
        var quoted = $"\"{token}\"";
        var index = -1;
        for (var found = 0; found < occurrence; found++)
        {
            var next = text.IndexOf(quoted, index + 1, StringComparison.Ordinal);
            if (next < 0)
            {
                break;
            }

            index = next;
        }

        return index < 0 ? 1 : text.AsSpan(0, index).Count('\n') + 1;
    }

    private sealed class ForceManifest
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public Dictionary<string, string>? Names { get; set; }
        public string? TimeZone { get; set; }
        public string? Currency { get; set; }
        public List<LanguageManifest>? Languages { get; set; }
        public List<string>? UnitKinds { get; set; }
        public string? ReferenceUnitKind { get; set; }
        public string? StationUnitKind { get; set; }
        public NationalIdManifest? NationalId { get; set; }
        public string? Calendar { get; set; }
        public string? Units { get; set; }
        public Dictionary<string, string>? MessageSignature { get; set; }
        public Dictionary<string, string>? Parentage { get; set; }
    }

    private sealed record LanguageManifest(string Code, string Name, bool Rtl = false);

    private sealed record NationalIdManifest(string Name, string Accepted, string Normalised, string Display, string Example, Dictionary<string, string>? Names = null);

    private sealed class CalendarManifest
    {
        public List<string>? WorkingDays { get; set; }
        public List<HolidayManifest>? Holidays { get; set; }
    }

    private sealed record HolidayManifest(string? Date, string? Name);
}
