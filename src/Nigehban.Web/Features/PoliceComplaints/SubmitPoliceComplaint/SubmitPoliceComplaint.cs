using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.PoliceComplaints.SubmitPoliceComplaint;

public sealed record ComplainantInput(string? Name, string? Phone);

/// <param name="Station">The station complained about (a unit code of the station kind).</param>
/// <param name="AccusedOfficer">The officer complained about, as the complainant names them (optional).</param>
/// <param name="AccusedOfficerUserName">Staff only: the officer's account, when the centre identifies it; that account never sees the complaint.</param>
public sealed record SubmitPoliceComplaintCommand(
    string? Type, string? Channel, string? Station, string? AccusedOfficer, string? AccusedOfficerUserName,
    string? Description, ComplainantInput? Complainant, string? Language = null);

public sealed record SubmittedPoliceComplaint(string Reference, PoliceComplaintStatus Status, DateTimeOffset FirstCallDueAt, DateTimeOffset ReplyDueAt,
    [property: JsonIgnore] bool Replayed = false);

/// <summary>
/// Takes a complaint against police: recorded by the centre's staff from a call, an SMS or an email,
/// or submitted on the web by a citizen without an account. Stores it with its reference and both
/// clocks and queues the complainant's SMS in one transaction. A replayed Idempotency-Key returns the
/// first complaint; the same key with another request is 422.
/// </summary>
public sealed class SubmitPoliceComplaintHandler(
    NigehbanDbContext db,
    PoliceComplaintPolicy policy,
    UnitDirectory units,
    ForcePack force,
    CurrentUser user,
    TimeProvider clock,
    AllocateReferenceNumber references,
    DeadlineCalculator deadlines,
    StaffDirectory staff,
    PoliceComplaintNotifications notifications)
{
    public async Task<SubmittedPoliceComplaint> HandleAsync(SubmitPoliceComplaintCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        PoliceComplaintAccess.EnsureOffered(policy);
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        var type = policy.FindType(command.Type)
            ?? throw new ValidationFailedException("type", string.IsNullOrWhiteSpace(command.Type) ? ApiErrors.Text("Field.Required", "type") : PoliceComplaintErrors.Text("Type.Unknown", command.Type));
        var channel = ValidateChannel(command.Channel);
        var station = units.Find(command.Station);
        if (station is null || station.Kind != force.StationUnitKind)
        {
            throw new ValidationFailedException("station", string.IsNullOrWhiteSpace(command.Station)
                ? PoliceComplaintErrors.Text("Station.Required")
                : PoliceComplaintErrors.Text("Station.Unknown", command.Station, force.StationUnitKind));
        }

        var accusedName = TextFields.Optional(command.AccusedOfficer, "accusedOfficer", 120);
        var accusedAccount = await ValidateAccusedAccountAsync(command.AccusedOfficerUserName, cancellationToken);
        var description = TextFields.Required(command.Description, "description", 4000);
        if (command.Complainant is null)
        {
            throw new ValidationFailedException("complainant", ApiErrors.Text("Field.Required", "complainant"));
        }

        var name = TextFields.Required(command.Complainant.Name, "complainant.name", 120);
        var phone = TextFields.NormalisePhone(command.Complainant.Phone)
            ?? throw new ValidationFailedException("complainant.phone", ApiErrors.Text("Field.Phone"));
        var language = string.IsNullOrWhiteSpace(command.Language) ? force.DefaultLanguage
            : force.FindLanguage(command.Language.Trim())?.Code ?? throw new ValidationFailedException("language", ApiErrors.Text("Language.NotOffered", command.Language, string.Join(", ", force.Languages.Select(l => l.Code))));

        var hash = idempotencyKey is null ? null : IdempotentRequest.Hash(type.Code, channel, station.Code, accusedName, accusedAccount?.ToString(), description, name, phone, language);
        if (idempotencyKey is not null && await FindReplayAsync(idempotencyKey, hash!, cancellationToken) is { } replay)
        {
            return replay;
        }

        var centre = policy.CentreUnit(units);
        var now = clock.GetUtcNow();
        var reference = (await references.NextAsync(policy.ReferencePrefix, station.Code, cancellationToken)).ToString();
        var complaint = new PoliceComplaint
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            TypeCode = type.Code,
            Channel = channel,
            UnitCode = centre.Code,
            UnitPath = centre.Path,
            StationCode = station.Code,
            StationPath = station.Path,
            AccusedOfficerName = accusedName,
            AccusedAccountId = accusedAccount,
            Description = description,
            ComplainantName = name,
            ComplainantPhone = phone,
            ComplainantLanguage = language,
            ReceivedAt = now,
            FirstCallDueAt = deadlines.DueAt(now, policy.FirstCallWithin),
            ReplyDueAt = deadlines.DueAt(now, type.ReplyWithin),
            IdempotencyKey = idempotencyKey,
            IdempotencyRequestHash = hash,
        };
        complaint.RecordReceipt(user.UserName ?? "citizen (web)");
        db.Add(complaint);
        notifications.Received(complaint);
        // Two requests with one key at once: the other won; answer its complaint.
        return await db.SaveOrFindFirstAsync<PoliceComplaint, SubmittedPoliceComplaint>(idempotencyKey,
                () => FindReplayAsync(idempotencyKey!, hash!, cancellationToken), cancellationToken, nameof(PoliceComplaint.IdempotencyKey))
            ?? new SubmittedPoliceComplaint(reference, complaint.Status, complaint.FirstCallDueAt, complaint.ReplyDueAt);
    }

    private string ValidateChannel(string? channel)
    {
        var staffMember = user.HasPermission(Permissions.PoliceComplaintsRecord);
        var value = string.IsNullOrWhiteSpace(channel) ? (staffMember ? "phone" : "web") : channel.Trim().ToLowerInvariant();
        if (!policy.Channels.Contains(value))
        {
            throw new ValidationFailedException("channel", PoliceComplaintErrors.Text("Channel.NotTaken", string.Join(", ", policy.Channels)));
        }

        if (value != "web" && !staffMember)
        {
            throw new ValidationFailedException("channel", PoliceComplaintErrors.Text("Channel.CitizensOnWeb"));
        }

        return value;
    }

    private async Task<Guid?> ValidateAccusedAccountAsync(string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return null;
        }

        if (!user.HasPermission(Permissions.PoliceComplaintsRecord))
        {
            throw new ValidationFailedException("accusedOfficerUserName", PoliceComplaintErrors.Text("Accused.StaffOnly"));
        }

        return (await staff.FindAsync(userName, cancellationToken))?.Id
            ?? throw new ValidationFailedException("accusedOfficerUserName", PoliceComplaintErrors.Text("Accused.Unknown", userName));
    }

    private async Task<SubmittedPoliceComplaint?> FindReplayAsync(string key, string hash, CancellationToken cancellationToken)
    {
        var first = await db.Set<PoliceComplaint>().IgnoreQueryFilters().AsNoTracking() // the key finds only what its holder created
            .Where(c => c.IdempotencyKey == key)
            .Select(c => new { c.Reference, c.FirstCallDueAt, c.ReplyDueAt, c.IdempotencyRequestHash })
            .FirstOrDefaultAsync(cancellationToken);
        return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, hash,
            () => new SubmittedPoliceComplaint(first.Reference, PoliceComplaintStatus.Received, first.FirstCallDueAt, first.ReplyDueAt, Replayed: true));
    }

    /// <summary>Every validated field, length-prefixed so that no two requests concatenate alike.</summary>
}
