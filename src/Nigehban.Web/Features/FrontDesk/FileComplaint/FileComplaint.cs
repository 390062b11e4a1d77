using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.FrontDesk.FileComplaint;

public sealed record ComplaintLocationInput(string? Text, double? Latitude, double? Longitude);

public sealed record ComplainantInput(string? Name, string? Phone, string? NationalId);

/// <param name="Unit">A station, or a district whose complaint cell routes the complaint to a station.</param>
/// <param name="Language">The language the citizen uses (one of the pack's); their SMS come in it.</param>
public sealed record FileComplaintCommand(
    string? Unit,
    string? Category,
    string? Description,
    DateTimeOffset? IncidentAt,
    ComplaintLocationInput? Location,
    ComplainantInput? Complainant,
    string? Language = null);

/// <summary>The answer to a complaint; <see cref="Replayed"/> (not sent) says it is the first request's answer again.</summary>
public sealed record FiledComplaint(string Reference, ComplaintStatus Status, DateTimeOffset DueAt, [property: JsonIgnore] bool Replayed = false);

/// <summary>
/// Takes a complaint at a station's front desk (staff) or online (a citizen, no account): validates
/// it against the pack, stores it with its reference and first stage deadline, and queues the
/// complainant's SMS, in one audited transaction. A replayed Idempotency-Key answers the first
/// complaint; the same key with another request is refused (422).
/// </summary>
public sealed class FileComplaintHandler(
    NigehbanDbContext db,
    FrontDeskPack pack,
    UnitDirectory units,
    ForcePack force,
    CurrentUser user,
    ComplaintClock clock,
    ComplaintNotifications notifications,
    GroupCommit groupCommit)
{
    /// <summary>Clocks of phones and desks drift: an incident a few minutes "ahead" is still now.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<FiledComplaint> HandleAsync(FileComplaintCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        // Every field is checked before any refusal, so that a form shows all of its errors at once;
        // a unit outside the officer's jurisdiction is still a 404 on its own (ValidateUnit throws it).
        var errors = new ValidationErrors();
        var unit = errors.Check(() => ValidateUnit(command.Unit));
        var category = errors.Check(() => pack.Category(command.Category)
            ?? throw new ValidationFailedException("category", string.IsNullOrWhiteSpace(command.Category)
                ? "category is required."
                : $"'{command.Category}' is not a complaint category of this force ({string.Join(", ", pack.Categories.Select(c => c.Code))})."));
        var description = errors.Check(() => Required(command.Description, "description", 4000));
        var now = clock.Now;
        var incidentAt = errors.Check(() => ValidateIncident(command.IncidentAt, now));
        var (locationText, latitude, longitude) = errors.Check(() => ValidateLocation(command.Location));
        var complainant = ValidateComplainant(command.Complainant, errors);
        var language = errors.Check(() => ValidateLanguage(command.Language));
        errors.ThrowIfAny();
        if (unit is null || category is null || description is null || complainant is null || language is null)
        {
            throw new InvalidOperationException("A checked field is missing without a refusal.");
        }

        var channel = user.HasPermission(Permissions.ComplaintsRegister) ? ComplaintChannel.Desk : ComplaintChannel.Online;

        var requestHash = idempotencyKey is null ? null : IdempotentRequest.Hash(
            unit.Code, category.Code, description, incidentAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            locationText, latitude?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), longitude?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            complainant.Name, complainant.Phone, complainant.NationalId, channel.ToString(), language);
        var id = Guid.CreateVersion7();
        var reference = await clock.NextReferenceAsync(unit, cancellationToken);
        var dueAt = clock.DueAt(now, ComplaintStatus.Received, category.Code);
        var actor = AuditActor.Of(user);
        var receivedBy = user.UserName ?? "citizen (online)";

        // Built afresh each time: it may be staged in a group that fails and then again alone (ADR-014).
        void Stage(NigehbanDbContext into)
        {
            var complaint = new StationComplaint
            {
                Id = id,
                Reference = reference,
                CategoryCode = category.Code,
                Description = description,
                IncidentAt = incidentAt,
                LocationText = locationText,
                Latitude = latitude,
                Longitude = longitude,
                Complainant = complainant.Copy(),
                Language = language,
                Channel = channel,
                UnitCode = unit.Code,
                UnitPath = unit.Path,
                ReceivedAt = now,
                StageStartedAt = now,
                StageDueAt = dueAt,
                NextEscalationAt = dueAt,
                IdempotencyKey = idempotencyKey,
                IdempotencyRequestHash = requestHash,
            };
            complaint.RecordReceipt(receivedBy);
            into.Add(complaint);
            notifications.Received(into, complaint);
        }

        var filed = new FiledComplaint(reference, ComplaintStatus.Received, dueAt);
        if (await groupCommit.TryWriteAsync(actor, Stage))
        {
            return filed;
        }

        // Saved alone: insert first, and look for the first request only when the key's unique index refuses this one.
        Stage(db);
        return await db.SaveOrFindFirstAsync<StationComplaint, FiledComplaint>(idempotencyKey,
                () => FindReplayAsync(idempotencyKey!, requestHash!, cancellationToken), cancellationToken, nameof(StationComplaint.IdempotencyKey))
            ?? filed;
    }

    private async Task<FiledComplaint?> FindReplayAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var first = await db.Set<StationComplaint>()
            .IgnoreQueryFilters() // the key is the client's own secret; it finds only what that client created
            .AsNoTracking()
            .Where(c => c.IdempotencyKey == key)
            .Select(c => new { c.Reference, c.ReceivedAt, c.IdempotencyRequestHash, c.CategoryCode })
            .FirstOrDefaultAsync(cancellationToken);
        // The first response as it was: a replay must not reveal later progress to a key holder.
        return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, requestHash,
            () => new FiledComplaint(first.Reference, ComplaintStatus.Received, clock.DueAt(first.ReceivedAt, ComplaintStatus.Received, first.CategoryCode), Replayed: true));
    }

    /// <summary>Every validated field, length-prefixed so that no two different requests concatenate alike.</summary>

    private UnitInfo ValidateUnit(string? code)
    {
        var unit = units.Find(code);
        if (unit is null || (unit.Kind != force.ReferenceUnitKind && unit.Kind != force.StationUnitKind))
        {
            throw new ValidationFailedException("unit", string.IsNullOrWhiteSpace(code)
                ? $"unit is required: a {force.StationUnitKind}, or a {force.ReferenceUnitKind} whose complaint cell routes it."
                : $"'{code}' is not a {force.StationUnitKind} or {force.ReferenceUnitKind} of this force.");
        }

        // Staff take complaints only for units within their jurisdiction; outside it, the unit does not exist for them.
        if (user.IsAuthenticated && user.UnitPath is { } scope && !unit.Path.StartsWith(scope, StringComparison.Ordinal))
        {
            throw new NotFoundException("unit", $"No unit '{code}' in your jurisdiction.");
        }

        return unit;
    }

    private static (string? Text, double? Latitude, double? Longitude) ValidateLocation(ComplaintLocationInput? location)
    {
        if (location is null)
        {
            return (null, null, null);
        }

        var text = Optional(location.Text, "location.text", 300);
        if (location.Latitude is null != location.Longitude is null)
        {
            throw new ValidationFailedException(location.Latitude is null ? "location.latitude" : "location.longitude", "Give both latitude and longitude, or neither.");
        }

        if (location.Latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
        {
            throw new ValidationFailedException("location.latitude", "A latitude lies between -90 and 90.");
        }

        if (location.Longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
        {
            throw new ValidationFailedException("location.longitude", "A longitude lies between -180 and 180.");
        }

        return (text, location.Latitude, location.Longitude);
    }

    private static DateTimeOffset ValidateIncident(DateTimeOffset? incident, DateTimeOffset now)
    {
        var incidentAt = incident ?? throw new ValidationFailedException("incidentAt", "incidentAt is required.");
        if (incidentAt > now + ClockTolerance)
        {
            throw new ValidationFailedException("incidentAt", "The incident cannot be in the future.");
        }

        if (incidentAt.Year < 1900)
        {
            throw new ValidationFailedException("incidentAt", "incidentAt is not a plausible date.");
        }

        return incidentAt;
    }

    private Complainant? ValidateComplainant(ComplainantInput? input, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add("complainant", "complainant is required.");
            return null;
        }

        var nationalId = errors.Check(() => string.IsNullOrWhiteSpace(input.NationalId)
            ? null
            : force.NationalId.Normalise(input.NationalId)
                ?? throw new ValidationFailedException("complainant.nationalId", $"A {force.NationalId.Name} looks like {force.NationalId.Example}."));
        var name = errors.Check(() => Required(input.Name, "complainant.name", 120));
        var phone = errors.Check(() => Phone(input.Phone, "complainant.phone"));
        return name is null || phone is null ? null : new Complainant { Name = name, Phone = phone, NationalId = nationalId };
    }

    private string ValidateLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return force.DefaultLanguage;
        }

        return force.FindLanguage(language.Trim())?.Code
            ?? throw new ValidationFailedException("language", $"'{language}' is not a language of this force ({string.Join(", ", force.Languages.Select(l => l.Code))}).");
    }
}
