using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.PoliceComplaints.ListPoliceComplaints;

public sealed record PoliceComplaintSummary(
    string Reference, string Type, string Channel, string Station, PoliceComplaintStatus Status, DateTimeOffset ReceivedAt,
    DateTimeOffset FirstCallDueAt, DateTimeOffset ReplyDueAt, string? AssignedOfficer, bool Overdue);

public sealed record PoliceComplaintStepView(string Action, DateTimeOffset At, string Actor, string? Note);

public sealed record PoliceComplaintDetail(
    string Reference, string Type, string Channel, string Station, string StationName, string? AccusedOfficer, string Description,
    string ComplainantName, string ComplainantPhone, PoliceComplaintStatus Status, DateTimeOffset ReceivedAt,
    DateTimeOffset FirstCallDueAt, DateTimeOffset ReplyDueAt, string? AssignedOfficer, DateTimeOffset? CalledAt, string? Reply,
    PoliceComplaintFinding? Finding, DateTimeOffset? ClosedAt, PoliceComplaintClosure? Closure, string? ClosureReason,
    bool Overdue, DateTimeOffset? EscalatedAt, IReadOnlyList<PoliceComplaintStepView> Timeline);

/// <summary>The board's counts: open, overdue, and open complaints by type.</summary>
public sealed record PoliceComplaintBoard(int Open, int Overdue, IReadOnlyDictionary<string, int> OpenByType);

/// <summary>
/// The complaints the caller may find (the centre: all; an inquiring officer: those assigned to them),
/// paged and filtered, the board's counts, and one complaint in full (an audited read).
/// </summary>
public sealed class ListPoliceComplaintsHandler(NigehbanDbContext db, PoliceComplaintAccess access, TimeProvider clock, UnitDirectory units)
{
    public async Task<PagedList<PoliceComplaintSummary>> ListAsync(string? status, bool? overdue, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var pageNumber = page ?? 1;
        var size = pageSize ?? PagedList<PoliceComplaintSummary>.DefaultPageSize;
        if (pageNumber < 1)
        {
            throw new ValidationFailedException("page", ApiErrors.Text("Page.StartsAtOne"));
        }

        if (size is < 1 or > PagedList<PoliceComplaintSummary>.MaxPageSize)
        {
            throw new ValidationFailedException("pageSize", ApiErrors.Text("PageSize.Range", PagedList<PoliceComplaintSummary>.MaxPageSize));
        }

        var query = access.Visible().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<PoliceComplaintStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted) || int.TryParse(status, out _))
            {
                throw new ValidationFailedException("status", PoliceComplaintErrors.Text("Status.Unknown"));
            }

            query = query.Where(c => c.Status == wanted);
        }

        var now = clock.GetUtcNow();
        if (overdue == true)
        {
            query = query.Where(c => c.Status != PoliceComplaintStatus.Closed
                && ((c.CalledAt == null && c.FirstCallDueAt < now) || (c.RepliedAt == null && c.ReplyDueAt < now)));
        }

        var total = await query.CountAsync(cancellationToken);
        var skip = (long)(pageNumber - 1) * size;
        var rows = skip >= total ? [] : await query.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Reference)
            .Skip((int)skip).Take(size).ToListAsync(cancellationToken);
        return new PagedList<PoliceComplaintSummary>(
            [.. rows.Select(c => new PoliceComplaintSummary(c.Reference, c.TypeCode, c.Channel, c.StationCode, c.Status, c.ReceivedAt,
                c.FirstCallDueAt, c.ReplyDueAt, c.AssignedOfficerName, c.IsOverdueAt(now)))],
            pageNumber, size, total);
    }

    public async Task<PoliceComplaintBoard> BoardAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = access.Visible().AsNoTracking().Where(c => c.Status != PoliceComplaintStatus.Closed);
        var byType = await open.GroupBy(c => c.TypeCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var overdue = await open.CountAsync(c => (c.CalledAt == null && c.FirstCallDueAt < now) || (c.RepliedAt == null && c.ReplyDueAt < now), cancellationToken);
        return new PoliceComplaintBoard(byType.Sum(t => t.Count), overdue, byType.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Count));
    }

    public async Task<PoliceComplaintDetail> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var c = await access.FindAsync(reference, cancellationToken, withSteps: true);
        db.Audit.Record(new AuditEntry("police-complaint.read", nameof(PoliceComplaint), c.Reference, UnitPath: c.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new PoliceComplaintDetail(
            c.Reference, c.TypeCode, c.Channel, c.StationCode, units.Find(c.StationCode)?.Name ?? c.StationCode, c.AccusedOfficerName, c.Description,
            c.ComplainantName, c.ComplainantPhone, c.Status, c.ReceivedAt, c.FirstCallDueAt, c.ReplyDueAt, c.AssignedOfficerName, c.CalledAt,
            c.Reply, c.Finding, c.ClosedAt, c.Closure, c.ClosureReason, c.IsOverdueAt(now), c.BreachedAt,
            [.. c.Steps.OrderBy(s => s.At).Select(s => new PoliceComplaintStepView(s.Action, s.At, s.Actor, s.Note))]);
    }
}
