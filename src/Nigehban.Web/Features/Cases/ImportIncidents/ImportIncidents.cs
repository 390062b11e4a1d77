using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Csv;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.ImportIncidents;

/// <summary>A row the import refused: its line in the file (the header is line 1), the column and why.</summary>
public sealed record ImportProblem(int Line, string Field, string Reason)
{
    public override string ToString() => $"line {Line}: {Field}: {Reason}";
}

/// <summary>What one run did: rows read (after the header), rows added, rows that were already there, rows refused.</summary>
public sealed record ImportReport(int Rows, int Imported, int AlreadyImported, int Refused);

/// <summary>
/// <c>import incidents</c>: streams another system's incident file through a mapping into closed
/// case records (<see cref="ImportedIncident"/>), a batch at a time. Each batch is one transaction, so its
/// rollups (ADR-009) and one audit event commit with its rows; on PostgreSQL the rows go in by binary
/// COPY and the batch's rollups, summed in memory, by one upsert (ADR-056). An incident the source already gave us is skipped, so a re-run
/// adds nothing; a bad row is reported by line and skipped; a mapping that does not fit the file is
/// refused before anything is written.
/// </summary>
public sealed class ImportIncidentsHandler(NigehbanDbContext db, UnitDirectory units, CasesPack pack, ForcePack force, TimeProvider clock)
{
    /// <summary>Rows per transaction: each rollup row a batch touches is written once per batch, so larger batches write fewer (ADR-056).</summary>
    public const int BatchSize = 20_000;

    public async Task<ImportReport> ImportAsync(string file, string mappingFile, Action<ImportProblem> refused, CancellationToken cancellationToken)
    {
        var mapping = IncidentMapping.Read(mappingFile);
        if (!File.Exists(file))
        {
            throw new ImportRefusedException("file", $"file '{file}' does not exist");
        }

        using var text = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(text);
        var header = csv.Next(out _, out var badHeader) ?? throw new ImportRefusedException("file", "the file is empty: expected a header line");
        if (badHeader is not null)
        {
            throw new ImportRefusedException("file", $"line 1 (header): {badHeader}");
        }

        var map = mapping.Resolve(header, units, pack, force.StationUnitKind);

        // A source never imported before has nothing to skip: its batches need not ask which ids are
        // known (the file's own repeats are caught as it is read, the unique index backs both).
        var knownSource = await db.Set<ImportedIncident>().AnyAsync(i => i.Source == map.Source, cancellationToken);
        var run = new Run(map, header, force.TimeZone, clock.GetUtcNow());
        var batch = new List<ImportedIncident>(BatchSize);
        int rows = 0, imported = 0, already = 0, refusedRows = 0;
        // The file is read while the previous batch is written (ADR-056): parsing takes one core,
        // the database the other. One batch in flight at a time, so the context has one user.
        (Task<int> Task, int Count)? saving = null;
        while (csv.Next(out var line, out var malformed) is { } cells)
        {
            if (cells is [""] && malformed is null)
            {
                continue; // a blank line, often the last
            }

            rows++;
            ImportedIncident? incident = null;
            var problem = malformed is not null ? new ImportProblem(line, "row", malformed)
                : cells.Count != header.Count ? new ImportProblem(line, "row", $"has {cells.Count} fields where the header has {header.Count}")
                : run.Read(cells, line, out incident) ?? run.FirstSeen(incident!, line);
            if (problem is not null)
            {
                refusedRows++;
                refused(problem);
                continue;
            }

            batch.Add(incident!);
            if (batch.Count == BatchSize)
            {
                if (saving is { } previous)
                {
                    (imported, already) = Add(await previous.Task, previous.Count, imported, already);
                }

                saving = (SaveAsync(batch, file, knownSource, cancellationToken), batch.Count);
                batch = new List<ImportedIncident>(BatchSize);
            }
        }

        if (saving is { } last)
        {
            (imported, already) = Add(await last.Task, last.Count, imported, already);
        }

        if (batch.Count > 0)
        {
            (imported, already) = Add(await SaveAsync(batch, file, knownSource, cancellationToken), batch.Count, imported, already);
        }

        return new ImportReport(rows, imported, already, refusedRows);
    }

    private static (int Imported, int Already) Add(int added, int batch, int imported, int already) => (imported + added, already + batch - added);

    /// <summary>Saves the batch's incidents that the database does not hold yet, with their rollups and one audit event; returns how many.</summary>
    private async Task<int> SaveAsync(List<ImportedIncident> batch, string file, bool knownSource, CancellationToken cancellationToken)
    {
        var source = batch[0].Source;
        var fresh = batch;
        if (knownSource)
        {
            var ids = batch.Select(i => i.ExternalId).ToList();
            var existing = (await db.Set<ImportedIncident>().AsNoTracking()
                .Where(i => i.Source == source && ids.Contains(i.ExternalId))
                .Select(i => i.ExternalId)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            fresh = existing.Count == 0 ? batch : batch.Where(i => !existing.Contains(i.ExternalId)).ToList();
        }

        if (fresh.Count == 0)
        {
            return 0;
        }

        db.Audit.Record(new AuditEntry("incidents.imported", nameof(ImportedIncident), source,
            Details: string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)} lines {fresh[0].SourceLine}-{fresh[^1].SourceLine}: {fresh.Count} records added")));
        await db.SaveInBulkAsync(fresh, cancellationToken);
        return fresh.Count;
    }

    /// <summary>One file's reading: turns a row into an incident or a problem, and remembers the ids seen.</summary>
    private sealed class Run(ResolvedMapping map, List<string> header, TimeZoneInfo zone, DateTimeOffset now)
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public ImportProblem? Read(List<string> cells, int line, out ImportedIncident? incident)
        {
            incident = null;
            var id = cells[map.ExternalId].Trim();
            if (id.Length is 0 or > 64)
            {
                return Problem(line, map.ExternalId, id.Length == 0 ? "is empty" : "is longer than 64 characters");
            }

            var time = map.OccurredTime is { } t ? cells[t] : null;
            if (!map.TryParseOccurrence(cells[map.OccurredAt], time, zone, out var occurredAt))
            {
                return Problem(line, map.OccurredAt, $"'{cells[map.OccurredAt]}{(time is null ? "" : " " + time)}' is not a date in the mapping's formats");
            }

            if (occurredAt > now)
            {
                return Problem(line, map.OccurredAt, "the occurrence is in the future");
            }

            if (ResolvedMapping.Lookup(map.Units, cells[map.Unit], out var unit) is { } badUnit)
            {
                return Problem(line, map.Unit, badUnit);
            }

            if (ResolvedMapping.Lookup(map.Heads, cells[map.Offence], out var head) is { } badOffence)
            {
                return Problem(line, map.Offence, badOffence);
            }

            if (ResolvedMapping.Lookup(map.Outcomes, cells[map.Status], out var outcome) is { } badStatus)
            {
                return Problem(line, map.Status, badStatus);
            }

            if (ReadCoordinates(cells, line, out var latitude, out var longitude) is { } badPlace)
            {
                return badPlace;
            }

            incident = new ImportedIncident
            {
                Id = Guid.CreateVersion7(),
                Source = map.Source,
                ExternalId = id,
                UnitCode = unit.Code,
                UnitPath = unit.Path,
                CrimeHead = head!,
                SourceOffence = Truncate(cells[map.Offence].Trim(), 200),
                Outcome = outcome!,
                OccurredAt = occurredAt,
                Latitude = latitude,
                Longitude = longitude,
                ImportedAt = now,
                SourceLine = line,
            };
            return null;
        }

        /// <summary>Null the first time an external id appears in the file; a problem naming the earlier line after that.</summary>
        public ImportProblem? FirstSeen(ImportedIncident incident, int line) =>
            _seen.TryAdd(incident.ExternalId, line) ? null : Problem(line, map.ExternalId, $"'{incident.ExternalId}' already appeared on line {_seen[incident.ExternalId]}");

        private ImportProblem? ReadCoordinates(List<string> cells, int line, out double? latitude, out double? longitude)
        {
            latitude = longitude = null;
            if (map.Latitude is not { } la || map.Longitude is not { } lo)
            {
                return null;
            }

            var (latText, lonText) = (cells[la].Trim(), cells[lo].Trim());
            if (latText.Length == 0 && lonText.Length == 0)
            {
                return null;
            }

            if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90)
            {
                return Problem(line, la, $"'{latText}' is not a latitude");
            }

            if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
            {
                return Problem(line, lo, $"'{lonText}' is not a longitude");
            }

            // 0,0 is the open-data exports' "not geocoded", not a place in the Gulf of Guinea.
            if (lat != 0 || lon != 0)
            {
                (latitude, longitude) = (lat, lon);
            }

            return null;
        }

        private ImportProblem Problem(int line, int column, string reason) => new(line, header[column].Trim(), reason);

        private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
    }
}
