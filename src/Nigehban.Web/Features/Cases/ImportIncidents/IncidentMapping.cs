using System.Globalization;
using System.Text.Json;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.ImportIncidents;

/// <summary>A mapping or file the import refuses before writing anything, naming what is wrong.</summary>
public sealed class ImportRefusedException(string field, string message) : Exception(message)
{
    /// <summary>The mapping's field or the file's column the refusal is about.</summary>
    public string Field { get; } = field;
}

/// <summary>
/// How another system's incident file reads as the pack's records (<c>--mapping M.json</c>): which
/// column holds each field, the date formats, and what each of the file's unit, offence and status
/// values is in the pack. A value a map does not name is refused row by row, unless the map has a
/// <c>"*"</c> entry that catches the rest (ADR-053).
/// </summary>
public sealed class IncidentMapping
{
    public const string CatchAll = "*";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The source system's name: external ids are unique within it.</summary>
    public string Source { get; set; } = "";

    public ColumnNames Columns { get; set; } = new();

    /// <summary>.NET date formats of the occurrence column, tried in order (invariant culture, the force's local time).</summary>
    public List<string> DateFormats { get; set; } = [];

    public Dictionary<string, string> Units { get; set; } = [];

    /// <summary>The file's offence values to the pack's crime heads (or offence codes, counted under their head).</summary>
    public Dictionary<string, string> Offences { get; set; } = [];

    /// <summary>The file's status values to the closed outcome the record keeps.</summary>
    public Dictionary<string, string> Statuses { get; set; } = [];

    public sealed class ColumnNames
    {
        public string? ExternalId { get; set; }
        public string? OccurredAt { get; set; }

        /// <summary>Optional: a separate time of day as a number hhmm (2000 = 20:00, 5 = 00:05).</summary>
        public string? OccurredTime { get; set; }

        public string? Unit { get; set; }
        public string? Offence { get; set; }
        public string? Status { get; set; }
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
    }

    public static IncidentMapping Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportRefusedException("mapping", $"mapping file '{path}' does not exist");
        }

        try
        {
            return JsonSerializer.Deserialize<IncidentMapping>(File.ReadAllText(path), Json) ?? throw new ImportRefusedException("mapping", "the mapping file is empty");
        }
        catch (JsonException ex)
        {
            throw new ImportRefusedException("mapping", $"the mapping is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>
    /// Checks the mapping against the pack and the file's header, and returns where each field is.
    /// Refuses a missing source, an unknown unit or head, and a column the header lacks, by name.
    /// </summary>
    public ResolvedMapping Resolve(IReadOnlyList<string> header, UnitDirectory units, CasesPack pack, string stationKind)
    {
        if (string.IsNullOrWhiteSpace(Source) || Source.Length > 64)
        {
            throw new ImportRefusedException("source", "the mapping needs a source name (at most 64 characters)");
        }

        if (DateFormats.Count == 0)
        {
            throw new ImportRefusedException("dateFormats", "the mapping needs at least one date format");
        }

        var unitCodes = new Dictionary<string, (string Code, string Path)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (value, code) in Units)
        {
            var unit = units.Find(code);
            if (unit is null || unit.Kind != stationKind)
            {
                throw new ImportRefusedException("units", $"units: '{value}' maps to '{code}', which is not a {stationKind} of the force pack");
            }

            unitCodes[value.Trim()] = (unit.Code, unit.Path);
        }

        var heads = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (value, code) in Offences)
        {
            var head = pack.Head(code) ?? pack.Offence(code)?.Head
                ?? throw new ImportRefusedException("offences", $"offences: '{value}' maps to '{code}', which is neither a crime head nor an offence of the force pack");
            heads[value.Trim()] = head.Code;
        }

        var outcomes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (value, outcome) in Statuses)
        {
            if (!PackFileReader.IsCode(outcome))
            {
                throw new ImportRefusedException("statuses", $"statuses: '{value}' maps to '{outcome}'; an outcome is lower-case letters, digits and hyphens (at most 40)");
            }

            outcomes[value.Trim()] = outcome;
        }

        return new ResolvedMapping(
            Source.Trim(),
            Required(header, Columns.ExternalId, "externalId"),
            Required(header, Columns.OccurredAt, "occurredAt"),
            Optional(header, Columns.OccurredTime, "occurredTime"),
            Required(header, Columns.Unit, "unit"),
            Required(header, Columns.Offence, "offence"),
            Required(header, Columns.Status, "status"),
            Optional(header, Columns.Latitude, "latitude"),
            Optional(header, Columns.Longitude, "longitude"),
            [.. DateFormats],
            unitCodes,
            heads,
            outcomes);
    }

    private static int Required(IReadOnlyList<string> header, string? column, string field) =>
        column is null
            ? throw new ImportRefusedException($"columns.{field}", $"columns.{field}: the mapping must name the column")
            : Optional(header, column, field)!.Value;

    private static int? Optional(IReadOnlyList<string> header, string? column, string field)
    {
        if (column is null)
        {
            return null;
        }

        // The first column of that name: some exports repeat a header (one file has two "DATE OCC").
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column.Trim(), StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ImportRefusedException(column, $"columns.{field}: the file has no column '{column}'");
    }
}

/// <summary>A mapping checked against one file: column positions and the value maps.</summary>
public sealed record ResolvedMapping(
    string Source, int ExternalId, int OccurredAt, int? OccurredTime, int Unit, int Offence, int Status, int? Latitude, int? Longitude,
    string[] DateFormats, Dictionary<string, (string Code, string Path)> Units, Dictionary<string, string> Heads, Dictionary<string, string> Outcomes)
{
    public bool TryParseOccurrence(string date, string? time, TimeZoneInfo zone, out DateTimeOffset occurredAt)
    {
        occurredAt = default;
        if (!DateTime.TryParseExact(date.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return false;
        }

        if (time is not null)
        {
            if (!int.TryParse(time.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59)
            {
                return false;
            }

            local = local.Date.AddHours(hhmm / 100).AddMinutes(hhmm % 100);
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // the hour a clock skipped in spring: the next valid one
        }

        occurredAt = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }

    public static string? Lookup<T>(Dictionary<string, T> map, string value, out T? found)
    {
        if (map.TryGetValue(value.Trim(), out found) || map.TryGetValue(IncidentMapping.CatchAll, out found))
        {
            return null;
        }

        return value.Trim().Length == 0 ? "is empty" : $"'{value.Trim()}' is not in the mapping";
    }
}
