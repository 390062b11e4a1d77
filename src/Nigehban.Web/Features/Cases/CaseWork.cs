using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// What every step of an investigation shares: the clock and the pack's deadlines, the FIR to change
/// (within the caller's jurisdiction, else 404), who may write in it (its investigating officer, or a
/// supervisor of the station: ADR-050) and which officers may take it over.
/// </summary>
public sealed class CaseWork(NigehbanDbContext db, TimeProvider time, DeadlineCalculator deadlines, CasesPack pack, CurrentUser user, StaffDirectory staff, UnitDirectory units, ForcePack force)
{
    public DateTimeOffset Now => time.GetUtcNow().ToMicroseconds();

    public string Actor => user.UserName ?? "system";

    /// <summary>Today in the force's time zone: court dates (proclamations, warrants) are days, not instants.</summary>
    public DateOnly Today => LocalDay(Now);

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, force.TimeZone).DateTime);

    /// <summary>A court's date: required, not in the future, not before the occurrence; otherwise a 400 naming <paramref name="field"/>.</summary>
    public DateOnly CourtDate(DateOnly? value, Fir fir, string field)
    {
        if (value is not { } day)
        {
            throw new ValidationFailedException(field, ApiErrors.Text("Field.Required", field));
        }

        if (day > Today)
        {
            throw new ValidationFailedException(field, CasesErrors.Text("Date.Future"));
        }

        if (day < LocalDay(fir.OccurredAt))
        {
            throw new ValidationFailedException(field, CasesErrors.Text("Date.BeforeOccurrence"));
        }

        return day;
    }

    /// <summary>When a stage entered at <paramref name="start"/> is due; null when the pack gives it no deadline.</summary>
    public DateTimeOffset? StageDueAt(FirStatus stage, DateTimeOffset start) =>
        pack.DeadlineOf(stage) is { } deadline ? deadlines.DueAt(start, deadline) : null;

    public DateTimeOffset SupervisorDueAt(DateTimeOffset firstEscalation) => deadlines.DueAt(firstEscalation, pack.SupervisorEscalationAfter);

    public DateTimeOffset ProduceBy(DateTimeOffset custodyStart) => deadlines.DueAt(custodyStart, pack.CustodyLimit);

    /// <summary>The FIR, tracked for a change, if the caller sees it.</summary>
    public Task<Fir> FindForChangeAsync(string reference, CancellationToken cancellationToken) =>
        ReadFirsHandler.FindAsync(db.Set<Fir>(), reference, cancellationToken);

    /// <summary>The case's investigating officer, or a supervisor whose jurisdiction holds it; others get 403.</summary>
    public void EnsureMayWork(Fir fir)
    {
        if (!MayWork(fir))
        {
            throw new ForbiddenException(CasesErrors.Text("Fir.NotYourCase", fir.InvestigatingOfficerName));
        }
    }

    public bool MayWork(Fir fir) =>
        user.HasPermission(Permissions.CasesSupervise)
        || (user.HasPermission(Permissions.CasesInvestigate) && string.Equals(user.UserName, fir.InvestigatingOfficerUserName, StringComparison.OrdinalIgnoreCase));

    /// <summary>An officer posted at the station who may investigate (an IO or the SHO); anyone else is a 400 naming <paramref name="field"/>.</summary>
    public async Task<StaffMember> OfficerAtStationAsync(string? userName, string stationCode, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ValidationFailedException(field, ApiErrors.Text("Field.Required", field));
        }

        var station = units.Find(stationCode);
        var officer = await staff.FindAsync(userName.Trim(), cancellationToken);
        if (station is null || officer is null || officer.IsDisabled || !officer.HomeUnitPath.StartsWith(station.Path, StringComparison.Ordinal)
            || !officer.Roles.Any(r => Roles.PermissionsOf([r]).Contains(Permissions.CasesInvestigate) || r == Roles.Sho))
        {
            throw new ValidationFailedException(field, CasesErrors.Text("Officer.NotAtStation", userName, stationCode));
        }

        return officer;
    }

    public void Event(Fir fir, FirEventKind kind, string details, string? reason = null, string? actor = null) =>
        db.Add(new FirEvent { Id = Guid.CreateVersion7(), FirId = fir.Id, UnitPath = fir.UnitPath, At = Now, Kind = kind, Actor = actor ?? Actor, Details = details, Reason = reason });
}
