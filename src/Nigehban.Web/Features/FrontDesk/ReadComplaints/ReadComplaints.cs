using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.ReadComplaints;

public sealed record ComplaintQuery(string? Status, string? Category, string? Unit, bool? Overdue, bool? Mine, DateOnly? Day, int? Page, int? PageSize);

public sealed record ComplaintRow(
    string Reference, string CategoryCode, string UnitCode, ComplaintStatus Status, ComplaintChannel Channel, string ComplainantName,
    DateTimeOffset ReceivedAt, DateTimeOffset StageDueAt, bool Overdue, int EscalationLevel, string? OfficerUserName, string? Outcome);

public sealed record ComplaintStaffStep(ComplaintEvent Event, DateTimeOffset At, string Actor, string? Note, string? FromUnit, string? ToUnit);

public sealed record ComplaintDetail(
    string Reference, string CategoryCode, string Category, string Description, DateTimeOffset IncidentAt,
    string? LocationText, double? Latitude, double? Longitude, Complainant Complainant, string Language, ComplaintChannel Channel,
    string UnitCode, ComplaintStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset StageDueAt, bool Overdue, int EscalationLevel,
    string? OfficerUserName, string? OfficerName, string? OfficerPhone,
    string? Outcome, string? DisposalNote, DateTimeOffset? DisposedAt, bool? DisposedInTime, int? Rating, string? RatingComment,
    IReadOnlyList<ComplaintStaffStep> Timeline);

/// <summary>
/// Staff reading complaints. Jurisdiction applies (an inquiry officer and an SHO see their station's,
/// a DPO his district's); outside it a complaint does not exist (404). A full read is audited.
/// </summary>
public sealed class ReadComplaintsHandler(NigehbanDbContext db, FrontDeskPack pack, UnitDirectory units, JurisdictionScope scope, CurrentUser user, TimeProvider time, DeadlineCalculator days)
{
    public async Task<PagedList<ComplaintRow>> ListAsync(ComplaintQuery query, CancellationToken cancellationToken)
    {
        var complaints = db.Set<StationComplaint>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!Enum.TryParse<ComplaintStatus>(query.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                throw new ValidationFailedException("status", $"status is one of {string.Join(", ", Enum.GetNames<ComplaintStatus>())}.");
            }

            complaints = complaints.Where(c => c.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            complaints = complaints.Where(c => c.CategoryCode == query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            var unit = units.Find(query.Unit) ?? throw new ValidationFailedException("unit", $"No unit has the code '{query.Unit}'.");
            scope.LimitTo(unit.Path);
        }

        var now = time.GetUtcNow();
        if (query.Overdue == true)
        {
            complaints = complaints.Where(c => c.Status != ComplaintStatus.Disposed && c.StageDueAt < now);
        }

        if (query.Mine == true)
        {
            var me = user.UserName;
            complaints = complaints.Where(c => c.OfficerUserName == me);
        }

        if (query.Day is { } day)
        {
            var (from, to) = (days.StartOfLocalDay(day), days.StartOfLocalDay(day.AddDays(1)));
            complaints = complaints.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
        }

        return await PagedList<ComplaintRow>.CreateAsync(
            complaints.OrderBy(c => c.Status == ComplaintStatus.Disposed).ThenBy(c => c.StageDueAt),
            c => new ComplaintRow(c.Reference, c.CategoryCode, c.UnitCode, c.Status, c.Channel, c.Complainant.Name, c.ReceivedAt, c.StageDueAt,
                c.Status != ComplaintStatus.Disposed && c.StageDueAt < now, c.EscalationLevel, c.OfficerUserName, c.Outcome == null ? null : c.Outcome.ToString()),
            query.Page ?? 1, query.PageSize ?? PagedList<ComplaintRow>.DefaultPageSize, cancellationToken);
    }

    public async Task<ComplaintDetail> GetAsync(string reference, string language, CancellationToken cancellationToken)
    {
        var canonical = CanonicalReference(reference);
        var c = await db.Set<StationComplaint>().AsNoTracking().Include(x => x.Steps)
            .FirstOrDefaultAsync(x => x.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", "No complaint with this reference in your jurisdiction.");
        db.Audit.Record(new AuditEntry("complaint.read", nameof(StationComplaint), c.Reference, UnitPath: c.UnitPath));
        await db.SaveChangesAsync(cancellationToken);

        return new ComplaintDetail(
            c.Reference, c.CategoryCode, pack.Category(c.CategoryCode)?.NameIn(language) ?? c.CategoryCode, c.Description, c.IncidentAt,
            c.LocationText, c.Latitude, c.Longitude, c.Complainant, c.Language, c.Channel, c.UnitCode, c.Status, c.ReceivedAt, c.StageDueAt,
            c.IsOverdueAt(time.GetUtcNow()), c.EscalationLevel, c.OfficerUserName, c.OfficerName, c.OfficerPhone,
            c.Outcome?.ToString(), c.DisposalNote, c.DisposedAt, c.DisposedInTime, c.Rating, c.RatingComment,
            [.. c.Steps.OrderBy(s => s.At).Select(s => new ComplaintStaffStep(s.Event, s.At, s.Actor, s.Note, s.FromUnit, s.ToUnit))]);
    }

    /// <summary>A reference as typed by a person; one whose check character fails is a typo, answered like an unknown one.</summary>
    public static string CanonicalReference(string reference) =>
        ReferenceNumber.TryParse(reference, out var parsed)
            ? parsed.ToString()
            : throw new NotFoundException("reference", "No complaint matches this reference.");
}
