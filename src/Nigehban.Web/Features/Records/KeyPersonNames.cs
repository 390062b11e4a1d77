using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Gives search keys to person records written before persons had names to search (the record
/// check's first records): each such record gets its name and father's name as name rows and its
/// key recomputed. Runs at start, after the pack's tables are read; a database without such records
/// costs one query.
/// </summary>
public sealed class KeyPersonNames(NigehbanDbContext db, NameKeys keys, TimeProvider clock) : IStartupStep
{
    public int Order => StartupOrder.Catalogues + 50;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        var unkeyed = await db.Set<PersonRecord>().IgnoreQueryFilters().Where(p => !p.Names.Any()).OrderBy(p => p.Id).Take(10_000).ToListAsync(cancellationToken);
        if (unkeyed.Count == 0)
        {
            return;
        }

        foreach (var person in unkeyed)
        {
            person.NameKey = keys.KeyOf(person.Name);
            person.CreatedAt = person.CreatedAt == default ? clock.GetUtcNow() : person.CreatedAt;
            db.Add(new PersonName { Id = Guid.CreateVersion7(), PersonId = person.Id, Kind = PersonNameKind.Primary, Text = person.Name, Key = keys.KeyOf(person.Name) });
            if (!string.IsNullOrWhiteSpace(person.ParentName))
            {
                db.Add(new PersonName { Id = Guid.CreateVersion7(), PersonId = person.Id, Kind = PersonNameKind.Parent, Text = person.ParentName, Key = keys.KeyOf(person.ParentName) });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
