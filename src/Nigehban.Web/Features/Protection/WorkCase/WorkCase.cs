using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Protection.WorkCase;

public sealed record OfficerCommand(string? Officer);

/// <param name="DueAt">When it is due; without it, the pack's interval between follow-ups from now.</param>
public sealed record PlanFollowUpCommand(string? Kind, DateTimeOffset? DueAt);

public sealed record CompleteFollowUpCommand(string? Note);

public sealed record CloseCaseCommand(string? Satisfaction, string? Note);

/// <param name="LinkedReference">The reference of the station complaint or FIR that followed from the case.</param>
public sealed record LinkRecordCommand(string? LinkedReference);

public sealed record CaseChanged(string Reference, ProtectionCaseStatus Status, string? AssignedOfficer, int Version);

public sealed record FollowUpPlanned(Guid Id, ProtectionFollowUpKind Kind, DateTimeOffset DueAt);

/// <summary>
/// The assigned officer's work on a case: handing it over, granting another officer the right to read
/// it, planning and recording follow-ups, and closing it with the person's satisfaction. A case no one
/// holds yet (opened online) may be taken by any protection officer who finds it.
/// </summary>
public sealed class WorkCaseHandler(
    NigehbanDbContext db, ProtectionAccess access, ProtectionPack pack, CurrentUser user, StaffDirectory staff,
    TimeProvider clock, DeadlineCalculator deadlines, FieldCipher cipher, ComplaintLinks complaints, FirLinks firs)
{
    public async Task<CaseChanged> AssignAsync(string reference, OfficerCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        if (protectionCase.AssignedAccountId is not null && protectionCase.AssignedAccountId != user.AccountId)
        {
            throw new ForbiddenException(ProtectionErrors.Text("Assigned.Only"), "reference");
        }

        var officer = await OfficerAsync(protectionCase, command?.Officer, cancellationToken);
        protectionCase.AssignTo(officer.Id, officer.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return Changed(protectionCase);
    }

    public async Task<CaseChanged> GrantAsync(string reference, OfficerCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        if (protectionCase.AssignedAccountId != user.AccountId)
        {
            throw new ForbiddenException(ProtectionErrors.Text("Assigned.Only"), "reference");
        }

        var officer = await OfficerAsync(protectionCase, command?.Officer, cancellationToken);
        protectionCase.Grant(officer.Id, officer.UserName, user.UserName ?? "", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Changed(protectionCase);
    }

    /// <summary>
    /// Takes another officer's access away: the assigned officer, or the centre's in-charge (an officer who
    /// supervises the station's cases and whose jurisdiction covers the centre; ADR-072). Audited with the
    /// officer's name; the person's fields are neither read nor shown.
    /// </summary>
    public async Task<CaseChanged> RevokeAsync(string reference, string? officer, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        var assigned = protectionCase.AssignedAccountId is { } holder && holder == user.AccountId;
        var inCharge = user.HasPermission(Permissions.CasesSupervise) && protectionCase.UnitPath.StartsWith(user.UnitPath ?? "\u0001", StringComparison.Ordinal);
        if (!assigned && !inCharge)
        {
            throw new ForbiddenException(ProtectionErrors.Text("Revoke.Who"), "reference");
        }

        var userName = TextFields.Required(officer, "officer", 100);
        protectionCase.Revoke(userName);
        db.Audit.Record(new Platform.Audit.AuditEntry("protection-case.grant-revoked", nameof(ProtectionCase), protectionCase.Reference,
            Details: $"officer={userName}", UnitPath: protectionCase.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return Changed(protectionCase);
    }

    /// <summary>
    /// Links the complaint or FIR that followed from the case, after intake: the reference must name one
    /// (asked through the front desk's and the cases module's contracts; otherwise 404 on linkedReference).
    /// </summary>
    public async Task<CaseChanged> LinkAsync(string reference, LinkRecordCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        access.EnsureReader(protectionCase);
        var typed = TextFields.Required(command?.LinkedReference, "linkedReference", 40);
        var canonical = Platform.References.ReferenceNumber.TryParse(typed, out var parsed)
            ? parsed.ToString()
            : throw new ValidationFailedException("linkedReference", ProtectionErrors.Text("Link.Malformed"));
        if (!await complaints.ExistsAsync(canonical, cancellationToken) && !await firs.ExistsAsync(canonical, cancellationToken))
        {
            throw new NotFoundException("linkedReference", ProtectionErrors.Text("Link.NotFound"));
        }

        protectionCase.LinkTo(canonical);
        await db.SaveChangesAsync(cancellationToken);
        return Changed(protectionCase);
    }

    public async Task<FollowUpPlanned> PlanFollowUpAsync(string reference, PlanFollowUpCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken, withFollowUps: true);
        access.EnsureReader(protectionCase);
        if (!Enum.TryParse<ProtectionFollowUpKind>(command?.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(command?.Kind, out _))
        {
            throw new ValidationFailedException("kind", ProtectionErrors.Text("FollowUp.Kind"));
        }

        var now = clock.GetUtcNow();
        var dueAt = command!.DueAt ?? deadlines.DueAt(now, pack.FollowUpEvery);
        if (dueAt <= now)
        {
            throw new ValidationFailedException("dueAt", ProtectionErrors.Text("FollowUp.DueInPast"));
        }

        var followUp = protectionCase.PlanFollowUp(kind, dueAt.ToUniversalTime(), user.UserName ?? "", now);
        await db.SaveChangesAsync(cancellationToken);
        return new FollowUpPlanned(followUp.Id, followUp.Kind, followUp.DueAt);
    }

    public async Task<CaseChanged> CompleteFollowUpAsync(string reference, Guid id, CompleteFollowUpCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken, withFollowUps: true);
        access.EnsureReader(protectionCase);
        var followUp = protectionCase.FollowUps.FirstOrDefault(f => f.Id == id)
            ?? throw new NotFoundException("id", ProtectionErrors.Text("FollowUp.NotFound"));
        var note = TextFields.Optional(command?.Note, "note", 2000);
        followUp.Complete(user.UserName ?? "", cipher.SealOptional(note, followUp.NoteContext), clock.GetUtcNow());
        protectionCase.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Changed(protectionCase);
    }

    public async Task<CaseChanged> CloseAsync(string reference, CloseCaseCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        access.EnsureReader(protectionCase);
        if (!Enum.TryParse<ProtectionSatisfaction>(command?.Satisfaction, ignoreCase: true, out var satisfaction) || !Enum.IsDefined(satisfaction) || int.TryParse(command?.Satisfaction, out _))
        {
            throw new ValidationFailedException("satisfaction", ProtectionErrors.Text("Satisfaction.Unknown"));
        }

        var note = TextFields.Optional(command!.Note, "note", 2000);
        protectionCase.Close(satisfaction, cipher.SealOptional(note, protectionCase.FieldContext("closure-note")), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Changed(protectionCase);
    }

    /// <summary>An officer who may work the case: a protection officer whose home unit's subtree holds the centre.</summary>
    private async Task<StaffMember> OfficerAsync(ProtectionCase protectionCase, string? userName, CancellationToken cancellationToken)
    {
        var officer = await staff.FindAsync(userName, cancellationToken);
        if (officer is null || officer.IsDisabled || !protectionCase.UnitPath.StartsWith(officer.HomeUnitPath, StringComparison.Ordinal)
            || !Roles.PermissionsOf(officer.Roles).Contains(Permissions.ProtectionCasesWork, StringComparer.Ordinal))
        {
            throw new ValidationFailedException("officer", ProtectionErrors.Text("Officer.Unknown"));
        }

        return officer;
    }

    private static CaseChanged Changed(ProtectionCase c) => new(c.Reference, c.Status, c.AssignedUserName, c.Version);
}
