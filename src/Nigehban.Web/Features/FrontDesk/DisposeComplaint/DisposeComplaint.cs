using Nigehban.Web.Features.FrontDesk.StartInquiry;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk.DisposeComplaint;

/// <param name="Outcome">FirRegistered, Resolved, Referred (note: the department) or Filed (note: the reason).</param>
public sealed record DisposeComplaintCommand(string? Outcome, string? Note);

/// <summary>Ends the inquiry with its outcome; the complainant is told and invited to rate it, on the tracking page or by replying to the SMS.</summary>
public sealed class DisposeComplaintHandler(NigehbanDbContext db, ComplaintClock clock, ComplaintNotifications notifications, CurrentUser user)
{
    public async Task<StationComplaint> HandleAsync(string reference, DisposeComplaintCommand command, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ComplaintOutcome>(command.Outcome, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome) || int.TryParse(command.Outcome, out _))
        {
            throw new ValidationFailedException("outcome", $"outcome is one of {string.Join(", ", Enum.GetNames<ComplaintOutcome>())}.");
        }

        var note = TextFields.Optional(command.Note, "note", 1000);
        var complaint = await ComplaintLookup.FindForChangeAsync(db, reference, cancellationToken);
        InquiryOfficers.EnsureMayWork(user, complaint, ComplaintStatus.UnderInquiry);
        complaint.RecordDisposal(outcome, note, user.UserName ?? "system", clock.Now);
        complaint.OfferRatingByReply(RateByReply.RatingTokens.New());
        notifications.Disposed(db, complaint);
        await db.SaveChangesAsync(cancellationToken);
        return complaint;
    }
}
