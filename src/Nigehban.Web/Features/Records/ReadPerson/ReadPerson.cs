using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Records.ReadPerson;

public sealed record PersonNameView(string Text, PersonNameKind Kind);

public sealed record HistoryView(
    Guid Id, HistoryKind Kind, string Text, string? Court, DateOnly? On, string? FirReference, DateTimeOffset RecordedAt, string RecordedBy,
    DateTimeOffset? ClosedAt, string? ClosedReason);

public sealed record MergedRecordView(Guid Id, Guid MergeId, string Name, string? NationalId, DateTimeOffset MergedAt, string MergedBy, string Reason);

/// <summary>
/// A person's profile: who they are, their names in every script, the criminal history (open
/// entries only) and, apart, the closed records (acquitted, cleared). A survivor of a merge shows its
/// duplicates' names and history with its own; a duplicate says which record it was merged into.
/// </summary>
public sealed record PersonProfile(
    Guid Id, string? NationalId, string? NationalIdDisplay, string Name, string? ParentName, int? BirthYear, string? Description, string? Phone,
    string UnitPath, Guid? MergedIntoId, IReadOnlyList<PersonNameView> Names, IReadOnlyList<HistoryView> History, IReadOnlyList<HistoryView> ClosedRecords,
    IReadOnlyList<MergedRecordView> Merged);

/// <summary>Reads a person's record within the officer's district (404 outside it), for a stated purpose; audited.</summary>
public sealed class ReadPersonHandler(NigehbanDbContext db, RecordsScope scope, LookupRecorder lookups, ForcePack force)
{
    public async Task<PersonProfile> HandleAsync(Guid id, string? purposeCode, CancellationToken cancellationToken)
    {
        // The scope answers first: outside the district the person does not exist, whatever else is wrong.
        var person = await scope.FindAsync(id, "id", cancellationToken);
        var purpose = lookups.PurposeOf(purposeCode);
        await lookups.AdmitAsync(purpose, "profile", null, cancellationToken);
        var profile = await ProfileAsync(person, cancellationToken);
        await lookups.RecordAsync(purpose, "profile", [person.Id], cancellationToken, person.Id);
        return profile;
    }

    public async Task<PersonProfile> ProfileAsync(PersonRecord person, CancellationToken cancellationToken)
    {
        var merges = await db.Set<PersonMerge>().AsNoTracking().Where(m => m.SurvivorId == person.Id && m.UndoneAt == null).ToListAsync(cancellationToken);
        var duplicateIds = merges.Select(m => m.DuplicateId).ToList();
        var duplicates = await db.Set<PersonRecord>().IgnoreQueryFilters().AsNoTracking() // merged into a record of this scope: read with it
            .Include(p => p.Names).Include(p => p.History).AsSplitQuery()
            .Where(p => duplicateIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var all = new[] { person }.Concat(duplicates).ToList();
        var names = all.SelectMany(p => p.Names).OrderBy(n => n.Kind).ThenBy(n => n.Text, StringComparer.Ordinal)
            .Select(n => new PersonNameView(n.Text, n.Kind)).Distinct().ToList();
        var history = all.SelectMany(p => p.History).OrderByDescending(h => h.On).ThenByDescending(h => h.RecordedAt)
            .Select(h => new HistoryView(h.Id, h.Kind, h.Text, h.Court, h.On, h.FirReference, h.RecordedAt, h.RecordedBy, h.ClosedAt, h.ClosedReason)).ToList();
        var merged = merges.Join(duplicates, m => m.DuplicateId, d => d.Id, (m, d) => new MergedRecordView(d.Id, m.Id, d.Name, d.NationalId, m.MergedAt, m.MergedBy, m.Reason))
            .OrderBy(m => m.MergedAt).ToList();
        return new PersonProfile(
            person.Id, person.NationalId, person.NationalId is null ? null : force.NationalId.Format(person.NationalId), person.Name, person.ParentName,
            person.BirthYear, person.Description, person.Phone, person.UnitPath, person.MergedIntoId, names,
            [.. history.Where(h => h.ClosedAt is null)], [.. history.Where(h => h.ClosedAt is not null)], merged);
    }
}
