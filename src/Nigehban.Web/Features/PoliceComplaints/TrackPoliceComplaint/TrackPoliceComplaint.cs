using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.PoliceComplaints.TrackPoliceComplaint;

public sealed record TrackedStep(string Action, DateTimeOffset At);

/// <summary>What the complainant reads: no officer's identity, no staff names, nothing of the inquiry but its reply.</summary>
public sealed record PoliceComplaintTracking(
    string Reference, string Type, PoliceComplaintStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset FirstCallDueAt, DateTimeOffset ReplyDueAt,
    bool Called, string? Reply, DateTimeOffset? RepliedAt, DateTimeOffset? ClosedAt, PoliceComplaintClosure? Closure, string? ClosureReason,
    IReadOnlyList<TrackedStep> Timeline);

/// <param name="Satisfied">True closes the complaint; false keeps it open for a senior officer.</param>
public sealed record SatisfactionCommand(string? Phone, bool? Satisfied, string? Comment);

/// <summary>
/// The complainant's view, by reference and the phone they gave: any mismatch is the same 404 as an
/// unknown reference. The same key lets them confirm satisfaction after the reply.
/// </summary>
public sealed class TrackPoliceComplaintHandler(NigehbanDbContext db, JurisdictionScope scope, PoliceComplaintPolicy policy, TimeProvider clock)
{
    public async Task<PoliceComplaintTracking> HandleAsync(string reference, string? phone, string language, CancellationToken cancellationToken)
    {
        var complaint = await FindAsync(reference, phone, cancellationToken);
        return View(complaint, language);
    }

    public async Task<PoliceComplaintTracking> AnswerAsync(string reference, SatisfactionCommand command, string language, CancellationToken cancellationToken)
    {
        // The key first: nothing about the complaint, not even which fields it still needs, answers a wrong key.
        var complaint = await FindAsync(reference, command.Phone, cancellationToken);
        if (command.Satisfied is not { } satisfied)
        {
            throw new ValidationFailedException("satisfied", PoliceComplaintErrors.Text("Satisfied.Required"));
        }

        var comment = TextFields.Optional(command.Comment, "comment", 1000);
        if (satisfied)
        {
            complaint.ConfirmSatisfaction(clock.GetUtcNow(), comment);
        }
        else
        {
            complaint.RecordDissatisfaction(clock.GetUtcNow(), comment);
        }

        await db.SaveChangesAsync(cancellationToken);
        return View(complaint, language);
    }

    private async Task<PoliceComplaint> FindAsync(string reference, string? phone, CancellationToken cancellationToken)
    {
        PoliceComplaintAccess.EnsureOffered(policy);
        if (string.IsNullOrWhiteSpace(phone))
        {
            throw new ValidationFailedException("phone", PoliceComplaintErrors.Text("Phone.Required"));
        }

        var canonical = PoliceComplaint.CanonicalReference(reference);
        var normalised = TextFields.NormalisePhone(phone);
        scope.Unrestricted("a complainant's own look-up by reference and phone");
        var complaint = normalised is null ? null : await db.Set<PoliceComplaint>().Include(c => c.Steps)
            .FirstOrDefaultAsync(c => c.Reference == canonical && c.ComplainantPhone == normalised, cancellationToken);
        if (complaint is null)
        {
            db.Audit.Record(new AuditEntry("police-complaint.track", nameof(PoliceComplaint), canonical, AuditOutcome.Denied));
            await db.SaveChangesAsync(cancellationToken);
            throw new NotFoundException("reference", PoliceComplaintErrors.Text("Track.NotFound"));
        }

        return complaint;
    }

    private PoliceComplaintTracking View(PoliceComplaint c, string language) => new(
        c.Reference, policy.FindType(c.TypeCode)?.NameIn(language) ?? c.TypeCode, c.Status, c.ReceivedAt, c.FirstCallDueAt, c.ReplyDueAt,
        c.CalledAt is not null, c.Reply, c.RepliedAt, c.ClosedAt, c.Closure, c.ClosureReason,
        [.. c.Steps.OrderBy(s => s.At).Select(s => new TrackedStep(s.Action, s.At))]);
}
