using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Watchlists;

namespace Nigehban.Web.Features.Records.MatchRegistrations;

/// <summary>A person as a registration names them, and where they surfaced.</summary>
public sealed record RegisteredPersonDetails(string Name, string? FatherName, string? NationalId);

/// <summary>
/// Matches a registration on arrival against the wanted list (<see cref="IWantedPersons"/>: by national
/// ID, and by name with the father's name, as the record check does), and against the persons this
/// module holds on record as wanted (force-wide, by ID or name key), and, on a match, stages one
/// alert at the station of the place, with the pack's acknowledgement deadline, and its outbox message
/// to the station's in-charge — both in the caller's save, so that a registration that is not written
/// raises nothing. The caller's answer is the same either way: nothing tells the registrar of a match.
/// </summary>
public sealed class RegistrationMatcher(NigehbanDbContext db, IWantedPersons wanted, NameKeys keys, RecordsPack pack, TimeProvider clock)
{
    public const string WantedSource = "proclaimed-offender";
    public const string OnRecordSource = "wanted-on-record";
    public const string StolenVehicleSource = "stolen-vehicle";
    public const string VehicleRegistrationMatch = "vehicle-registration";

    /// <summary>A match: which watchlist, on what ("national-id" or "name"), and one line per entry matched.</summary>
    public sealed record Match(string Source, string MatchedOn, IReadOnlyList<string> Lines);

    public async Task<Match?> MatchAsync(RegisteredPersonDetails person, CancellationToken cancellationToken)
    {
        var byId = person.NationalId is null ? [] : await wanted.ByNationalIdAsync(person.NationalId, cancellationToken);
        var byName = await wanted.ByNameAsync(person.Name, person.FatherName, cancellationToken);
        var entries = byId.Concat(byName).DistinctBy(e => (e.FirReference, e.Name)).ToList();
        if (entries.Count > 0)
        {
            return new Match(WantedSource, byId.Count > 0 ? "national-id" : "name", [.. entries.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"FIR {e.FirNumber} ({e.FirReference}) at {e.StationCode}, proclaimed {e.WantedSince:yyyy-MM-dd} by {e.Court}: {e.Name}"))]);
        }

        // Persons on record as wanted (force-wide: wanted next door is still wanted), by ID or by name key with the father's.
        var nameKey = keys.KeyOf(person.Name);
        var fatherKey = person.FatherName is null ? null : keys.KeyOf(person.FatherName);
        var named = db.Set<PersonName>().Where(n => n.Key == nameKey && n.Kind != PersonNameKind.Parent).Select(n => n.PersonId);
        var onRecord = await db.Set<PersonRecord>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.IsWanted && p.MergedIntoId == null && ((person.NationalId != null && p.NationalId == person.NationalId) || named.Contains(p.Id)))
            .OrderBy(p => p.Id).Take(20)
            .ToListAsync(cancellationToken);
        var hits = onRecord.Where(p => p.NationalId == person.NationalId && person.NationalId is not null
            || fatherKey is null || p.ParentName is null || keys.KeyOf(p.ParentName) == fatherKey).ToList();
        return hits.Count == 0 ? null
            : new Match(OnRecordSource, hits.Any(p => person.NationalId is not null && p.NationalId == person.NationalId) ? "national-id" : "name",
                [.. hits.Select(p => $"{p.Name}: {p.Reason ?? "wanted"}")]);
    }

    /// <summary>
    /// Matches a registration on arrival: the person against the wanted, the vehicle it names (the pack's
    /// compared form, or null) against the open stolen vehicles. Stages one alert for each watchlist that
    /// matched, at the station of the place; none when nothing did.
    /// </summary>
    public async Task RaiseAlertsAsync(NigehbanDbContext db, RegistrationKind kind, Guid registrationId, string place,
        RegisteredPersonDetails person, string? vehicleKey, string unitCode, string unitPath, CancellationToken cancellationToken)
    {
        if (await MatchAsync(person, cancellationToken) is { } match)
        {
            Stage(db, new Arrival(kind, registrationId, place, person, unitCode, unitPath), match.Source, match.MatchedOn, match.Lines, null, "wanted-person-registered");
        }

        if (vehicleKey is null)
        {
            return;
        }

        // Anywhere in the force: a vehicle stolen in one district turns up in another. One alert however many open records name it.
        var stolen = await db.Set<StolenVehicle>().IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.RegistrationKey == vehicleKey && v.Status == StolenVehicleStatus.Open)
            .OrderBy(v => v.LostAt).Take(5).ToListAsync(cancellationToken);
        if (stolen.Count > 0)
        {
            var lines = stolen.Select(v => string.Create(CultureInfo.InvariantCulture,
                $"{v.RegistrationNumber} ({string.Join(" ", new[] { v.Make, v.Model, v.Colour }.Where(p => p is not null))}): {v.Loss} at {v.LostPlace} on {v.LostAt:yyyy-MM-dd}, recorded by {v.UnitCode}{(v.FirReference is null ? "" : $", FIR {v.FirReference}")}"));
            Stage(db, new Arrival(kind, registrationId, place, person, unitCode, unitPath), StolenVehicleSource, VehicleRegistrationMatch, [.. lines], vehicleKey, "stolen-vehicle-registered");
        }
    }

    private sealed record Arrival(RegistrationKind Kind, Guid RegistrationId, string Place, RegisteredPersonDetails Person, string UnitCode, string UnitPath);

    /// <summary>The alert and its message to the station's in-charge, staged with the registration.</summary>
    private void Stage(NigehbanDbContext db, Arrival arrival, string source, string matchedOn, IReadOnlyList<string> lines, string? vehicleKey, string messageKind)
    {
        var now = clock.GetUtcNow();
        var alert = new RegistrationAlert
        {
            Id = Guid.CreateVersion7(now), Kind = arrival.Kind, RegistrationId = arrival.RegistrationId, Place = Cut(arrival.Place, 200),
            PersonName = arrival.Person.Name, FatherName = arrival.Person.FatherName, NationalId = arrival.Person.NationalId,
            Source = source, MatchedOn = matchedOn, Reason = Cut(string.Join("\n", lines), 1000), VehicleRegistration = vehicleKey,
            RaisedAt = now, DueAt = now + pack.AlertAcknowledgeWithin, UnitCode = arrival.UnitCode, UnitPath = arrival.UnitPath,
        };
        db.Add(alert);
        Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{arrival.UnitCode}:in-charge",
            new { kind = messageKind, alert = alert.Id, registration = arrival.Kind.ToString(), unit = arrival.UnitCode, place = alert.Place, dueAt = alert.DueAt, at = now }, now);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
