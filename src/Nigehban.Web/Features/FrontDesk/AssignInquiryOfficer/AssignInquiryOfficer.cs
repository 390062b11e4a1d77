using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.FrontDesk.AssignInquiryOfficer;

/// <param name="Officer">The officer's staff user name: his list shows the complaints assigned to it.</param>
/// <param name="OfficerName">The name and rank the complainant is told.</param>
/// <param name="Phone">The officer's phone, sent to the complainant.</param>
public sealed record AssignInquiryOfficerCommand(string? Officer, string? OfficerName, string? Phone);

/// <summary>
/// The SHO (or anyone supervising the station) names the inquiry officer; the complainant gets the
/// officer's name and phone by SMS. A complaint still at a district's complaint cell is routed to a
/// station first (409). Assigning again replaces the officer and restarts the assigned stage's clock.
/// </summary>
public sealed class AssignInquiryOfficerHandler(NigehbanDbContext db, ComplaintClock clock, ComplaintNotifications notifications, CurrentUser user, UnitDirectory units, ForcePack force)
{
    public async Task<StationComplaint> HandleAsync(string reference, AssignInquiryOfficerCommand command, CancellationToken cancellationToken)
    {
        var officer = Required(command.Officer, "officer", 64);
        var name = Required(command.OfficerName, "officerName", 120);
        var phone = Phone(command.Phone, "phone");
        var complaint = await ComplaintLookup.FindForChangeAsync(db, reference, cancellationToken);
        if (units.Find(complaint.UnitCode)?.Kind != force.StationUnitKind)
        {
            throw new RuleViolationException("This complaint is still with the district's complaint cell: transfer it to a station first.");
        }

        var now = clock.Now;
        complaint.Assign(officer, name, phone, user.UserName ?? "system", now, clock.DueAt(now, ComplaintStatus.Assigned, complaint.CategoryCode));
        notifications.Assigned(db, complaint);
        await db.SaveChangesAsync(cancellationToken);
        return complaint;
    }
}
