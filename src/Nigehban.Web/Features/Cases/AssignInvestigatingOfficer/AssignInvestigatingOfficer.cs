using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.AssignInvestigatingOfficer;

/// <param name="Officer">The user name of the officer who takes the case over, posted at the FIR's station.</param>
/// <param name="Reason">Why the case changes hands (kept in the case's history and the audit trail).</param>
public sealed record AssignInvestigatingOfficerCommand(string? Officer, string? Reason);

public sealed record AssignedOfficer(string Reference, string Officer, string OfficerName, string? PreviousOfficer);

/// <summary>
/// Hands an FIR to another investigating officer of its station, with a reason: an officer of another
/// station is refused (400 naming "officer"). Audited with both officers and the reason, and kept in
/// the case's history. Supervisors do this (the endpoint's policy); the case's own IO cannot.
/// </summary>
public sealed class AssignInvestigatingOfficerHandler(NigehbanDbContext db, CaseWork work)
{
    public async Task<AssignedOfficer> HandleAsync(string reference, AssignInvestigatingOfficerCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        var reason = TextFields.Required(command.Reason, "reason", 1000);
        var officer = await work.OfficerAtStationAsync(command.Officer, fir.UnitCode, "officer", cancellationToken);
        var previous = fir.InvestigatingOfficerUserName;
        if (string.Equals(previous, officer.UserName, StringComparison.OrdinalIgnoreCase))
        {
            throw new RuleViolationException(CasesErrors.Text("Officer.AlreadyAssigned", officer.UserName));
        }

        fir.AssignTo(officer.UserName, officer.DisplayName);
        work.Event(fir, FirEventKind.OfficerAssigned, $"{previous} → {officer.UserName}", reason);
        db.Audit.Record(new AuditEntry("fir.officer-assigned", nameof(Fir), fir.Reference, Details: $"{previous} → {officer.UserName}: {reason}", UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new AssignedOfficer(fir.Reference, officer.UserName, officer.DisplayName, previous);
    }
}
