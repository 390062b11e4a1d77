using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection.ReadCase;

/// <summary>How the caller came to see the protected fields, or that they were withheld.</summary>
public enum ProtectedAccess
{
    Withheld,
    Assigned,
    Granted,
    BreakGlass,
}

/// <summary>Who the person is: only in a case answer to its readers (ADR-061).</summary>
/// <param name="Transcript">The virtual desk chat the case was opened from, a line per message (ADR-070).</param>
public sealed record ProtectedPerson(string? Name, string? Contact, string? Address, string? Statement, string? ClosureNote, string? Transcript = null);

public sealed record FollowUpView(Guid Id, ProtectionFollowUpKind Kind, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? DoneBy, string? Note);

public sealed record ReferralView(
    Guid Id, string Partner, string Need, DateTimeOffset SentAt, DateTimeOffset AcknowledgeDueAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset OutcomeDueAt, DateTimeOffset? OutcomeAt, bool Overdue, string? Note, string? Outcome);

public sealed record ProtectionCaseDetail(
    string Reference, string Centre, string CentreType, IReadOnlyList<string> Groups, IReadOnlyList<string> Needs,
    ProtectionChannel Channel, bool Anonymous, ProtectionCaseStatus Status, DateTimeOffset OpenedAt, string? AssignedOfficer,
    IReadOnlyList<string> GrantedOfficers, DateTimeOffset? ClosedAt, ProtectionSatisfaction? Satisfaction, string? LinkedReference,
    ProtectedAccess Access, ProtectedPerson? Person, IReadOnlyList<FollowUpView> FollowUps, IReadOnlyList<ReferralView> Referrals);

/// <summary>One read of the case: who, when, how (what a person may be told about who read their case).</summary>
public sealed record CaseReadView(DateTimeOffset At, string? Officer, string Action, string? Access);

public sealed record BreakGlassCommand(string? Reason);

/// <summary>
/// Reads one protection case. Every read is an audit event naming the access it had; the protected
/// fields are opened only for the assigned and granted officers. Anyone else who finds the case may
/// break glass with a reason: the read is audited, the reason is kept sealed, and the centre's
/// in-charge is alerted through the outbox in the same transaction.
/// </summary>
public sealed class ReadCaseHandler(NigehbanDbContext db, ProtectionAccess access, CurrentUser user, FieldCipher cipher, GroupCommit groupCommit, TimeProvider clock)
{
    public const int MinimumReasonLength = 10;

    public async Task<ProtectionCaseDetail> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken, withFollowUps: true);
        var granted = protectionCase.AssignedAccountId == user.AccountId ? ProtectedAccess.Assigned
            : access.MayRead(protectionCase) ? ProtectedAccess.Granted : ProtectedAccess.Withheld;
        return await AnswerAsync(protectionCase, granted, cancellationToken);
    }

    public async Task<ProtectionCaseDetail> BreakGlassAsync(string reference, BreakGlassCommand command, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken, withFollowUps: true);
        var reason = command?.Reason?.Trim();
        if (reason is null || reason.Length < MinimumReasonLength)
        {
            throw new ValidationFailedException("reason", ProtectionErrors.Text("BreakGlass.Reason", MinimumReasonLength));
        }

        reason = TextFields.Required(reason, "reason", 1000);
        var now = clock.GetUtcNow();
        var entry = new ProtectionBreakGlass { Id = Guid.CreateVersion7(now), CaseId = protectionCase.Id, AccountId = user.AccountId, UserName = user.UserName ?? "", At = now, ReasonSealed = "" };
        entry.ReasonSealed = cipher.Seal(reason, entry.ReasonContext);
        db.Add(entry);
        db.Audit.Record(new AuditEntry("protection-case.break-glass", nameof(ProtectionCase), protectionCase.Reference, Details: $"breakGlass={entry.Id}", UnitPath: protectionCase.UnitPath));
        Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{protectionCase.UnitCode}:in-charge",
            new { type = "protection-break-glass", reference = protectionCase.Reference, officer = user.UserName, unit = user.UnitCode, at = now }, now);
        return await AnswerAsync(protectionCase, ProtectedAccess.BreakGlass, cancellationToken);
    }

    /// <summary>Who read the case and how, newest first: for its readers, so that the person can be told.</summary>
    public async Task<PagedList<CaseReadView>> ReadsAsync(string reference, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var protectionCase = await access.FindAsync(reference, cancellationToken);
        access.EnsureReader(protectionCase);
        var events = db.Set<AuditEvent>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ObjectType == nameof(ProtectionCase) && e.ObjectId == protectionCase.Reference
                && (e.Action == "protection-case.read" || e.Action == "protection-case.break-glass"))
            .OrderByDescending(e => e.Id);
        return await PagedList<CaseReadView>.CreateAsync(events, e => new CaseReadView(e.OccurredAt, e.ActorName, e.Action, e.Details),
            page ?? 1, pageSize ?? PagedList<CaseReadView>.DefaultPageSize, cancellationToken);
    }

    private async Task<ProtectionCaseDetail> AnswerAsync(ProtectionCase c, ProtectedAccess granted, CancellationToken cancellationToken)
    {
        var open = granted != ProtectedAccess.Withheld;
        var read = new AuditEntry("protection-case.read", nameof(ProtectionCase), c.Reference, Details: $"access={granted}", UnitPath: c.UnitPath);
        var actor = AuditActor.Of(user);
        await db.CommitReadAsync(groupCommit, actor, into => into.Audit.Record(read, actor), cancellationToken);

        var now = clock.GetUtcNow();
        var referrals = await db.Set<ProtectionReferral>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CaseId == c.Id).OrderBy(r => r.SentAt).ToListAsync(cancellationToken);
        var person = open
            ? new ProtectedPerson(
                cipher.OpenOptional(c.NameSealed, c.FieldContext("name")), cipher.OpenOptional(c.ContactSealed, c.FieldContext("contact")),
                cipher.OpenOptional(c.AddressSealed, c.FieldContext("address")), cipher.OpenOptional(c.StatementSealed, c.FieldContext("statement")),
                cipher.OpenOptional(c.ClosureNoteSealed, c.FieldContext("closure-note")),
                cipher.OpenOptional(c.TranscriptSealed, c.FieldContext(VirtualDesk.ChatTranscript.Field)))
            : null;
        return new ProtectionCaseDetail(
            c.Reference, c.UnitCode, c.CentreType, c.GroupCodes, c.NeedCodes, c.Channel, c.Anonymous, c.Status, c.OpenedAt, c.AssignedUserName,
            [.. c.Grants.OrderBy(g => g.GrantedAt).Select(g => g.UserName)], c.ClosedAt, c.Satisfaction, c.LinkedReference, granted, person,
            [.. c.FollowUps.OrderBy(f => f.DueAt).Select(f => new FollowUpView(f.Id, f.Kind, f.DueAt, f.DoneAt, f.DoneBy,
                open ? cipher.OpenOptional(f.NoteSealed, f.NoteContext) : null))],
            [.. referrals.Select(r => new ReferralView(r.Id, r.PartnerCode, r.NeedCode, r.SentAt, r.AcknowledgeDueAt, r.AcknowledgedAt, r.OutcomeDueAt,
                r.OutcomeAt, r.IsOverdueAt(now), open ? cipher.OpenOptional(r.NoteSealed, r.NoteContext) : null,
                open ? cipher.OpenOptional(r.OutcomeSealed, r.OutcomeContext) : null))]);
    }
}
