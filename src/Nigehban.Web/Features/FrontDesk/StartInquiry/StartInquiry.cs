using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk.StartInquiry;

/// <summary>The assigned officer (or a supervisor) opens the inquiry; its deadline is the category's from the pack.</summary>
public sealed class StartInquiryHandler(NigehbanDbContext db, ComplaintClock clock, ComplaintNotifications notifications, CurrentUser user)
{
    public async Task<StationComplaint> HandleAsync(string reference, CancellationToken cancellationToken)
    {
        var complaint = await ComplaintLookup.FindForChangeAsync(db, reference, cancellationToken);
        InquiryOfficers.EnsureMayWork(user, complaint, ComplaintStatus.Assigned);
        var now = clock.Now;
        complaint.StartInquiry(user.UserName ?? "system", now, clock.DueAt(now, ComplaintStatus.UnderInquiry, complaint.CategoryCode));
        notifications.InquiryStarted(db, complaint);
        await db.SaveChangesAsync(cancellationToken);
        return complaint;
    }
}

/// <summary>Who may work a complaint's inquiry: its assigned officer, or an officer supervising the station.</summary>
public static class InquiryOfficers
{
    /// <summary>Checked only when the complaint is in <paramref name="stage"/>: otherwise the move is illegal for anyone (409), whoever asks.</summary>
    public static void EnsureMayWork(CurrentUser user, StationComplaint complaint, ComplaintStatus stage)
    {
        if (complaint.Status != stage)
        {
            return;
        }

        var assigned = complaint.OfficerUserName is { } officer && string.Equals(officer, user.UserName, StringComparison.OrdinalIgnoreCase);
        if (!assigned && !user.HasPermission(Permissions.CasesSupervise))
        {
            throw new ForbiddenException("Only the assigned inquiry officer or a supervising officer works this inquiry.", "reference");
        }
    }
}
