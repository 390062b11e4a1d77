using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records.TellWhoLooked;

public sealed record LookupView(DateTimeOffset At, string Officer, string Unit, string Purpose, string PurposeName);

/// <summary>
/// Who looked a person up and why, for the person (at a desk of the district that holds the record,
/// after showing who they are) — only where the pack's <c>tellsPersonWhoLooked</c> allows it (403
/// otherwise). Newest first, paged; audited.
/// </summary>
public sealed class TellWhoLookedHandler(NigehbanDbContext db, RecordsScope scope, RecordsPack pack)
{
    public async Task<PagedList<LookupView>> HandleAsync(Guid id, int? page, int? pageSize, string language, CancellationToken cancellationToken)
    {
        var person = await scope.FindAsync(id, "id", cancellationToken);
        if (!pack.TellsPersonWhoLooked)
        {
            throw new ForbiddenException(RecordsErrors.Text("Lookups.NotTold"));
        }

        var duplicates = await db.Set<PersonMerge>().Where(m => m.SurvivorId == id && m.UndoneAt == null).Select(m => m.DuplicateId).ToListAsync(cancellationToken);
        duplicates.Add(id);
        var rows = await PagedList<PersonLookup>.CreateAsync(
            db.Set<PersonLookup>().AsNoTracking().Where(l => duplicates.Contains(l.PersonId)).OrderByDescending(l => l.At).ThenByDescending(l => l.Id),
            l => l, page ?? 1, pageSize ?? PagedList<LookupView>.DefaultPageSize, cancellationToken);
        db.Audit.Record(new AuditEntry("person.lookups.read", "Person", id.ToString(), UnitPath: person.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new PagedList<LookupView>(
            [.. rows.Items.Select(l => new LookupView(l.At, l.UserName, l.UnitCode, l.Purpose, pack.Purpose(l.Purpose)?.NameIn(language) ?? l.Purpose))],
            rows.Page, rows.PageSize, rows.TotalCount);
    }
}
