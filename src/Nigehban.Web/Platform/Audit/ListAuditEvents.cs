using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

/// <summary>Filters of the audit list. <c>To</c> is exclusive; an <c>Action</c> ending in '*' matches by prefix (<c>auth.*</c>).</summary>
public sealed record AuditEventQuery(DateTimeOffset? From, DateTimeOffset? To, string? Actor, string? Action, int Page = 1, int PageSize = PagedList<AuditEventResponse>.DefaultPageSize);

/// <summary>An event with its seal; <c>Sequence</c>, <c>PreviousHash</c> and <c>Hash</c> are null for the moment between its commit and its seal.</summary>
public sealed record AuditEventResponse(
    long Id,
    long? Sequence,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string? ActorName,
    string Action,
    string? ObjectType,
    string? ObjectId,
    string? UnitPath,
    AuditOutcome Outcome,
    string? IpAddress,
    string? Details,
    string? PreviousHash,
    string? Hash);

/// <summary>
/// The auditor's view of the trail, newest first (in the order events were written). Reading the trail is itself recorded on it:
/// who looked at what is part of what an auditor of the auditors needs.
/// </summary>
public sealed class ListAuditEventsHandler(NigehbanDbContext db)
{
    public async Task<PagedList<AuditEventResponse>> HandleAsync(AuditEventQuery query, CancellationToken cancellationToken)
    {
        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw new ValidationFailedException("to", ApiErrors.Text("Day.Before", "to", "from"));
        }

        var events = db.Set<AuditEvent>().AsNoTracking();
        if (query.From is { } since)
        {
            var utc = since.ToUniversalTime();
            events = events.Where(e => e.OccurredAt >= utc);
        }

        if (query.To is { } until)
        {
            var utc = until.ToUniversalTime();
            events = events.Where(e => e.OccurredAt < utc);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            events = events.Where(e => e.ActorName == actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            if (action.EndsWith('*'))
            {
                var prefix = action.TrimEnd('*');
                events = events.Where(e => e.Action.StartsWith(prefix));
            }
            else
            {
                events = events.Where(e => e.Action == action);
            }
        }

        var sealedEvents =
            from e in events
            join s in db.Set<AuditSeal>().AsNoTracking() on e.Id equals s.EventId into seals
            from s in seals.DefaultIfEmpty()
            orderby e.Id descending
            select new { Event = e, Seal = s };
        var page = await PagedList<AuditEventResponse>.CreateAsync(
            sealedEvents,
            x => new AuditEventResponse(x.Event.Id, x.Seal == null ? null : x.Seal.Sequence, x.Event.OccurredAt, x.Event.ActorId, x.Event.ActorName,
                x.Event.Action, x.Event.ObjectType, x.Event.ObjectId, x.Event.UnitPath, x.Event.Outcome, x.Event.IpAddress, x.Event.Details,
                x.Seal == null ? null : x.Seal.PreviousHash, x.Seal == null ? null : x.Seal.Hash),
            query.Page, query.PageSize, cancellationToken);

        db.Audit.Record(new AuditEntry("audit-events.read", Details: Describe(query)));
        await db.SaveChangesAsync(cancellationToken);
        return page;
    }

    private static string Describe(AuditEventQuery q) => string.Join(';',
        $"from={q.From?.ToString("O", CultureInfo.InvariantCulture)}",
        $"to={q.To?.ToString("O", CultureInfo.InvariantCulture)}",
        $"actor={q.Actor}",
        $"action={q.Action}",
        $"page={q.Page}",
        $"pageSize={q.PageSize}");
}
