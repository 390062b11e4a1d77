using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.PoliceComplaints.AssignPoliceComplaint;

/// <param name="Officer">The user name of the inquiring officer.</param>
public sealed record AssignPoliceComplaintCommand(string? Officer);

public sealed record PoliceComplaintAssignment(string Reference, string Officer, DateTimeOffset AssignedAt);

/// <summary>
/// The centre assigns the inquiry to an officer senior enough (the pack's <c>inquiryRoles</c>) whose
/// jurisdiction is not the station complained about nor inside it, and who is not the officer
/// complained about. Anyone else is refused with 409 naming the rule: the inquiry must be independent.
/// </summary>
public sealed class AssignPoliceComplaintHandler(NigehbanDbContext db, PoliceComplaintAccess access, PoliceComplaintPolicy policy, StaffDirectory staff, CurrentUser user, TimeProvider clock)
{
    public async Task<PoliceComplaintAssignment> HandleAsync(string reference, AssignPoliceComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await access.FindAsync(reference, cancellationToken);
        if (!access.SeesAsCentre(complaint))
        {
            throw new NotFoundException("reference", PoliceComplaintErrors.Text("Reference.NotFound"));
        }

        if (string.IsNullOrWhiteSpace(command.Officer))
        {
            throw new ValidationFailedException("officer", PoliceComplaintErrors.Text("Officer.Required"));
        }

        var officer = await staff.FindAsync(command.Officer, cancellationToken);
        if (officer is null || officer.IsDisabled)
        {
            throw new ValidationFailedException("officer", PoliceComplaintErrors.Text("Officer.Unknown", command.Officer));
        }

        if (!policy.IsSeniorEnough(officer.Roles))
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.InquiryRank", string.Join(", ", policy.InquiryRoles)));
        }

        if (officer.HomeUnitPath.StartsWith(complaint.StationPath, StringComparison.Ordinal) || officer.Id == complaint.AccusedAccountId)
        {
            throw new RuleViolationException(PoliceComplaintErrors.Text("Rule.InquiryOutsideStation"));
        }

        var now = clock.GetUtcNow();
        complaint.AssignTo(officer.Id, officer.DisplayName, user.UserName ?? "centre", now);
        await db.SaveChangesAsync(cancellationToken);
        return new PoliceComplaintAssignment(complaint.Reference, officer.UserName, now);
    }
}
