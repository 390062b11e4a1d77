using System.Globalization;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Watchlists;

namespace Nigehban.Web.Features.Records.MatchRegistrations;

/// <summary>A person as a registration names them, and where they surfaced.</summary>
public sealed record RegisteredPersonDetails(string Name, string? FatherName, string? NationalId);

/// <summary>
/// Matches a registration on arrival against the wanted list (<see cref="IWantedPersons"/>: by national
/// ID, and by name with the father's name, as the record check does) and, on a match, stages one
/// alert at the station of the place, with the pack's acknowledgement deadline, and its outbox message
/// to the station's in-charge — both in the caller's save, so that a registration that is not written
/// raises nothing. The caller's answer is the same either way: nothing tells the registrar of a match.
/// </summary>
public sealed class RegistrationMatcher(IWantedPersons wanted, RecordsPack pack, TimeProvider clock)
{
    public const string WantedSource = "proclaimed-offender";

    /// <summary>The entries <paramref name="person"/> matches, and on what ("national-id" or "name").</summary>
    public async Task<(IReadOnlyList<WantedEntry> Entries, string MatchedOn)> MatchAsync(RegisteredPersonDetails person, CancellationToken cancellationToken)
    {
        var byId = person.NationalId is null ? [] : await wanted.ByNationalIdAsync(person.NationalId, cancellationToken);
        var byName = await wanted.ByNameAsync(person.Name, person.FatherName, cancellationToken);
        var entries = byId.Concat(byName).DistinctBy(e => (e.FirReference, e.Name)).ToList();
        return (entries, byId.Count > 0 ? "national-id" : "name");
    }

    /// <summary>Stages the alert for a registration that matched; returns null when nothing matched.</summary>
    public async Task<RegistrationAlert?> RaiseIfWantedAsync(NigehbanDbContext db, RegistrationKind kind, Guid registrationId, string place,
        RegisteredPersonDetails person, string unitCode, string unitPath, CancellationToken cancellationToken)
    {
        var (entries, matchedOn) = await MatchAsync(person, cancellationToken);
        if (entries.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var reason = string.Join("\n", entries.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"FIR {e.FirNumber} ({e.FirReference}) at {e.StationCode}, proclaimed {e.WantedSince:yyyy-MM-dd} by {e.Court}: {e.Name}")));
        var alert = new RegistrationAlert
        {
            Id = Guid.CreateVersion7(now), Kind = kind, RegistrationId = registrationId, Place = Cut(place, 200),
            PersonName = person.Name, FatherName = person.FatherName, NationalId = person.NationalId,
            Source = WantedSource, MatchedOn = matchedOn, Reason = Cut(reason, 1000),
            RaisedAt = now, DueAt = now + pack.AlertAcknowledgeWithin, UnitCode = unitCode, UnitPath = unitPath,
        };
        db.Add(alert);
        Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{unitCode}:in-charge",
            new { kind = "wanted-person-registered", alert = alert.Id, registration = kind.ToString(), unit = unitCode, place = alert.Place, dueAt = alert.DueAt, at = now }, now);
        return alert;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
