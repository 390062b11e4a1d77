using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.AlertInbox;

/// <summary>One line of the station's inbox.</summary>
public sealed record AlertSummary(Guid Id, RegistrationKind Kind, string Place, string PersonName, string Source, string MatchedOn, string Unit,
    DateTimeOffset RaisedAt, DateTimeOffset DueAt, DateTimeOffset? AcknowledgedAt, bool Overdue, string? EscalatedTo = null, DateTimeOffset? EscalatedAt = null);

/// <summary>An alert in full: who surfaced where, what they matched, and its acknowledgement.</summary>
public sealed record AlertView(Guid Id, RegistrationKind Kind, Guid RegistrationId, string Place, string PersonName, string? FatherName, string? NationalId,
    string Source, string MatchedOn, string Reason, string Unit, DateTimeOffset RaisedAt, DateTimeOffset DueAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgementNote, bool Overdue, string? VehicleRegistration = null);

public sealed record AcknowledgeAlertCommand(string? Note);

/// <summary>
/// The station's alert inbox: the alerts its registrations raised (a station's staff see their
/// station's, a supervisor his subtree's; outside it an alert does not exist, 404), opened (audited)
/// and acknowledged once, by whom and when; an open alert past its deadline, or one acknowledged
/// after it, is overdue.
/// </summary>
public sealed class AlertInboxHandler(NigehbanDbContext db, UnitDirectory units, JurisdictionScope scope, CurrentUser user, TimeProvider clock)
{
    public async Task<PagedList<AlertSummary>> ListAsync(bool? open, string? unit, int? page, int? pageSize, CancellationToken cancellationToken) =>
        await ListAsync(open, unit, null, page, pageSize, cancellationToken);

    /// <summary><paramref name="escalated"/> keeps the alerts escalated to the next unit up (true) or those not (false).</summary>
    public async Task<PagedList<AlertSummary>> ListAsync(bool? open, string? unit, bool? escalated, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var alerts = db.Set<RegistrationAlert>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var info = units.Find(unit.Trim()) ?? throw new ValidationFailedException("unit", ApiErrors.Text("Unit.Unknown", unit));
            scope.LimitTo(info.Path);
            alerts = alerts.Where(a => a.UnitPath.StartsWith(info.Path));
        }

        if (open is { } wanted)
        {
            alerts = wanted ? alerts.Where(a => a.AcknowledgedAt == null) : alerts.Where(a => a.AcknowledgedAt != null);
        }

        if (escalated is { } up)
        {
            alerts = up ? alerts.Where(a => a.EscalatedAt != null) : alerts.Where(a => a.EscalatedAt == null);
        }

        var now = clock.GetUtcNow();
        return await PagedList<AlertSummary>.CreateAsync(
            alerts.OrderBy(a => a.AcknowledgedAt == null ? 0 : 1).ThenByDescending(a => a.RaisedAt).ThenBy(a => a.Id),
            a => new AlertSummary(a.Id, a.Kind, a.Place, a.PersonName, a.Source, a.MatchedOn, a.UnitCode, a.RaisedAt, a.DueAt, a.AcknowledgedAt,
                a.AcknowledgedAt == null ? a.DueAt < now : a.AcknowledgedAt > a.DueAt, a.EscalatedTo, a.EscalatedAt),
            page ?? 1, pageSize ?? PagedList<AlertSummary>.DefaultPageSize, cancellationToken);
    }

    public async Task<AlertView> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var alert = await FindAsync(id, cancellationToken);
        db.Audit.Record(new AuditEntry("registration-alert.read", nameof(RegistrationAlert), id.ToString(), AuditOutcome.Success, null, alert.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return View(alert);
    }

    public async Task<AlertView> AcknowledgeAsync(Guid id, AcknowledgeAlertCommand command, CancellationToken cancellationToken)
    {
        var note = TextFields.Optional(command.Note, "note", 500);
        var alert = await FindAsync(id, cancellationToken);
        if (alert.AcknowledgedAt is not null)
        {
            throw new RuleViolationException(RecordsErrors.Text("Alert.AlreadyAcknowledged", alert.AcknowledgedBy));
        }

        alert.AcknowledgedAt = clock.GetUtcNow();
        alert.AcknowledgedBy = user.UserName ?? "unknown";
        alert.AcknowledgementNote = note;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var winner = await db.Set<RegistrationAlert>().AsNoTracking().Where(a => a.Id == id).Select(a => a.AcknowledgedBy).FirstOrDefaultAsync(cancellationToken);
            throw new RuleViolationException(RecordsErrors.Text("Alert.AlreadyAcknowledged", winner));
        }

        return View(alert);
    }

    private async Task<RegistrationAlert> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<RegistrationAlert>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw new NotFoundException("id", RecordsErrors.Text("Alert.NotFound"));

    private AlertView View(RegistrationAlert a) => new(a.Id, a.Kind, a.RegistrationId, a.Place, a.PersonName, a.FatherName, a.NationalId,
        a.Source, a.MatchedOn, a.Reason, a.UnitCode, a.RaisedAt, a.DueAt, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgementNote,
        a.IsOverdueAt(clock.GetUtcNow()), a.VehicleRegistration);
}
