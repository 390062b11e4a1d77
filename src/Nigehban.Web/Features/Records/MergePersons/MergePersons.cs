using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.MergePersons;

public sealed record MergePersonsCommand(Guid? DuplicateId, string? Reason);

public sealed record MergedPersons(Guid MergeId, Guid SurvivorId, Guid DuplicateId);

public sealed record UndoMergeCommand(string? Reason);

/// <summary>
/// Merges a duplicate person record into another (both in the officer's district), and reverses it.
/// The duplicate keeps its rows and only points at the survivor, so the reversal restores both
/// records exactly; both steps are audited with the officer's reason (ADR-058).
/// </summary>
public sealed class MergePersonsHandler(NigehbanDbContext db, RecordsScope scope, CurrentUser user, TimeProvider clock)
{
    public async Task<MergedPersons> MergeAsync(Guid survivorId, MergePersonsCommand command, CancellationToken cancellationToken)
    {
        var survivor = await scope.FindAsync(survivorId, "id", cancellationToken);
        if (command.DuplicateId is not { } duplicateId)
        {
            throw new ValidationFailedException("duplicateId", RecordsErrors.Text("Merge.DuplicateRequired"));
        }

        var reason = Reason(command.Reason);
        if (duplicateId == survivorId)
        {
            throw new ValidationFailedException("duplicateId", RecordsErrors.Text("Merge.Itself"));
        }

        var duplicate = await scope.FindAsync(duplicateId, "duplicateId", cancellationToken);
        if (survivor.MergedIntoId is not null || duplicate.MergedIntoId is not null)
        {
            throw new RuleViolationException(RecordsErrors.Text("Merge.IsDuplicate"));
        }

        if (await db.Set<PersonMerge>().AnyAsync(m => m.SurvivorId == duplicateId && m.UndoneAt == null, cancellationToken))
        {
            throw new RuleViolationException(RecordsErrors.Text("Merge.HasDuplicates"));
        }

        if (survivor.NationalId is not null && duplicate.NationalId is not null && survivor.NationalId != duplicate.NationalId)
        {
            throw new RuleViolationException(RecordsErrors.Text("Merge.TwoIds"));
        }

        var merge = new PersonMerge
        {
            Id = Guid.CreateVersion7(), SurvivorId = survivorId, DuplicateId = duplicateId, Reason = reason,
            MergedAt = clock.GetUtcNow(), MergedBy = user.UserName ?? "system",
        };
        db.Add(merge);
        duplicate.MergedIntoId = survivorId;
        db.Audit.Record(new AuditEntry("person.merge", "Person", survivorId.ToString(), Details: $"duplicate={duplicateId}; reason={reason}", UnitPath: survivor.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new MergedPersons(merge.Id, survivorId, duplicateId);
    }

    public async Task UndoAsync(Guid survivorId, Guid mergeId, UndoMergeCommand command, CancellationToken cancellationToken)
    {
        var survivor = await scope.FindAsync(survivorId, "id", cancellationToken);
        var merge = await db.Set<PersonMerge>().FirstOrDefaultAsync(m => m.Id == mergeId && m.SurvivorId == survivor.Id, cancellationToken)
            ?? throw new NotFoundException("mergeId", RecordsErrors.Text("Merge.NotFound"));
        var reason = Reason(command.Reason);
        if (merge.UndoneAt is not null)
        {
            throw new RuleViolationException(RecordsErrors.Text("Merge.AlreadyUndone"));
        }

        var duplicate = await db.Set<PersonRecord>().IgnoreQueryFilters().SingleAsync(p => p.Id == merge.DuplicateId, cancellationToken);
        duplicate.MergedIntoId = null;
        merge.UndoneAt = clock.GetUtcNow();
        merge.UndoneBy = user.UserName ?? "system";
        merge.UndoReason = reason;
        db.Audit.Record(new AuditEntry("person.unmerge", "Person", survivorId.ToString(), Details: $"duplicate={duplicate.Id}; reason={reason}", UnitPath: survivor.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Reason(string? text)
    {
        var reason = text?.Trim();
        return string.IsNullOrEmpty(reason) || reason.Length > 300
            ? throw new ValidationFailedException("reason", RecordsErrors.Text("Merge.Reason", 300))
            : reason;
    }
}
