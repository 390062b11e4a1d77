using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.TransferComplaint;

public sealed record TransferComplaintCommand(string? ToUnit, string? Reason);

/// <summary>
/// Moves a complaint to another station of its district, keeping its reference: a district's
/// complaint cell routes what it received, an SHO hands on what belongs elsewhere. Audited (the
/// change of unit is a captured write, and the timeline names both units). The new station starts
/// at "received", with the received stage's deadline (ADR-042).
/// </summary>
public sealed class TransferComplaintHandler(NigehbanDbContext db, ComplaintClock clock, ComplaintNotifications notifications, CurrentUser user, UnitDirectory units, ForcePack force)
{
    public async Task<StationComplaint> HandleAsync(string reference, TransferComplaintCommand command, CancellationToken cancellationToken)
    {
        var reason = TextFields.Required(command.Reason, "reason", 1000);
        var complaint = await ComplaintLookup.FindForChangeAsync(db, reference, cancellationToken);
        var target = units.Find(command.ToUnit);
        if (target is null || target.Kind != force.StationUnitKind)
        {
            throw new ValidationFailedException("toUnit", $"toUnit must be a {force.StationUnitKind} of this force.");
        }

        var district = units.AncestorOfKind(complaint.UnitCode, force.ReferenceUnitKind);
        if (district is null || !target.Path.StartsWith(district.Path, StringComparison.Ordinal))
        {
            throw new ValidationFailedException("toUnit", $"A complaint moves between the {force.StationUnitKind}s of its {force.ReferenceUnitKind}, whose code its reference carries.");
        }

        var now = clock.Now;
        complaint.TransferTo(target.Code, target.Path, user.UserName ?? "system", now, reason, clock.DueAt(now, ComplaintStatus.Received, complaint.CategoryCode));
        notifications.Transferred(db, complaint);
        await db.SaveChangesAsync(cancellationToken);
        return complaint;
    }
}
