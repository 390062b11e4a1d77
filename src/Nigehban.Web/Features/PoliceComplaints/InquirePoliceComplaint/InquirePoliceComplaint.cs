using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.PoliceComplaints.InquirePoliceComplaint;

public sealed record LogCallCommand(string? Note);

/// <param name="Finding">Substantiated, NotSubstantiated or ProvedFalse.</param>
public sealed record ReplyCommand(string? Reply, string? Finding);

public sealed record CloseCommand(string? Reason);

public sealed record PoliceComplaintProgress(string Reference, PoliceComplaintStatus Status, DateTimeOffset? CalledAt, DateTimeOffset? RepliedAt, PoliceComplaintFinding? Finding, DateTimeOffset? ClosedAt);

/// <summary>
/// The inquiring officer's work: the first call to the complainant, the reply with its finding (the
/// share proved false is counted from it) and, for a senior officer, closing with a reason. Only the
/// assigned officer calls and replies; closing needs a senior role (the pack's <c>inquiryRoles</c>).
/// </summary>
public sealed class InquirePoliceComplaintHandler(
    NigehbanDbContext db, PoliceComplaintAccess access, PoliceComplaintPolicy policy, PoliceComplaintNotifications notifications,
    CurrentUser user, TimeProvider clock, Identity.StaffDirectory staff)
{
    public async Task<PoliceComplaintProgress> LogCallAsync(string reference, LogCallCommand command, CancellationToken cancellationToken)
    {
        // The complaint first, then its input: someone who cannot find it learns nothing from a 400.
        var complaint = await AssignedToMeAsync(reference, cancellationToken);
        var note = TextFields.Optional(command.Note, "note", 1000);
        complaint.LogCall(Actor, clock.GetUtcNow(), note);
        await db.SaveChangesAsync(cancellationToken);
        return Progress(complaint);
    }

    public async Task<PoliceComplaintProgress> ReplyAsync(string reference, ReplyCommand command, CancellationToken cancellationToken)
    {
        var complaint = await AssignedToMeAsync(reference, cancellationToken);
        var reply = TextFields.Required(command.Reply, "reply", 4000);
        if (!Enum.TryParse<PoliceComplaintFinding>(command.Finding, ignoreCase: true, out var finding) || !Enum.IsDefined(finding) || int.TryParse(command.Finding, out _))
        {
            throw new ValidationFailedException("finding", PoliceComplaintErrors.Text("Finding.Unknown"));
        }

        complaint.RecordReply(Actor, clock.GetUtcNow(), reply, finding);
        notifications.Replied(complaint);
        await db.SaveChangesAsync(cancellationToken);
        return Progress(complaint);
    }

    public async Task<PoliceComplaintProgress> CloseAsync(string reference, CloseCommand command, CancellationToken cancellationToken)
    {
        var complaint = await access.FindAsync(reference, cancellationToken);
        var reason = TextFields.Required(command.Reason, "reason", 1000);
        var me = await staff.FindAsync(user.UserName, cancellationToken);
        if (me is null || !policy.IsSeniorEnough(me.Roles))
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.SeniorClosure", string.Join(", ", policy.InquiryRoles)));
        }

        complaint.CloseBySenior(Actor, clock.GetUtcNow(), reason);
        notifications.ClosedBySenior(complaint);
        await db.SaveChangesAsync(cancellationToken);
        return Progress(complaint);
    }

    private string Actor => user.UserName ?? "officer";

    private async Task<PoliceComplaint> AssignedToMeAsync(string reference, CancellationToken cancellationToken)
    {
        var complaint = await access.FindAsync(reference, cancellationToken);
        if (complaint.AssignedAccountId is null || complaint.AssignedAccountId != user.AccountId)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.AssignedOfficer"));
        }

        return complaint;
    }

    private static PoliceComplaintProgress Progress(PoliceComplaint c) => new(c.Reference, c.Status, c.CalledAt, c.RepliedAt, c.Finding, c.ClosedAt);
}
