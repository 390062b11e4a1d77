using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.CriminalHistory;

/// <summary>A line of criminal history: <c>kind</c> conviction (with court and date), case (an FIR reference), modusOperandi or gang.</summary>
public sealed record RecordHistoryCommand(string? Kind, string? Text, string? Court, DateOnly? On, string? FirReference);

public sealed record RecordedHistory(Guid Id, HistoryKind Kind);

/// <summary>Closing an entry: the person was acquitted or cleared; the entry stays on file, no longer as history.</summary>
public sealed record CloseHistoryCommand(string? Reason);

public sealed class CriminalHistoryHandler(NigehbanDbContext db, RecordsScope scope, CurrentUser user, TimeProvider clock)
{
    public async Task<RecordedHistory> RecordAsync(Guid personId, RecordHistoryCommand command, CancellationToken cancellationToken)
    {
        var person = await scope.FindAsync(personId, "id", cancellationToken);
        var errors = new ValidationErrors();
        HistoryKind kind = default;
        if (string.IsNullOrWhiteSpace(command.Kind) || !Enum.TryParse(command.Kind.Trim(), ignoreCase: true, out kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", RecordsErrors.Text("History.Kind", command.Kind));
        }

        var text = command.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 300)
        {
            errors.Add("text", RecordsErrors.Text("History.Text", 300));
        }

        var court = command.Court?.Trim();
        if (kind == HistoryKind.Conviction && string.IsNullOrEmpty(court))
        {
            errors.Add("court", RecordsErrors.Text("History.Court"));
        }
        else if (court is { Length: > 200 })
        {
            errors.Add("court", RecordsErrors.Text("History.Text", 200));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (kind == HistoryKind.Conviction && command.On is null)
        {
            errors.Add("on", RecordsErrors.Text("History.Date"));
        }
        else if (command.On is { } on && (on > today.AddDays(1) || on.Year < 1900))
        {
            errors.Add("on", RecordsErrors.Text("History.DateInFuture"));
        }

        var fir = command.FirReference?.Trim();
        if (fir is { Length: > 60 })
        {
            errors.Add("firReference", RecordsErrors.Text("History.Text", 60));
        }

        errors.ThrowIfAny();
        if (person.MergedIntoId is not null)
        {
            throw new RuleViolationException(RecordsErrors.Text("Merge.IsDuplicate"));
        }

        var entry = new CriminalHistoryEntry
        {
            Id = Guid.CreateVersion7(), PersonId = person.Id, Kind = kind, Text = text!, Court = string.IsNullOrEmpty(court) ? null : court,
            On = command.On, FirReference = string.IsNullOrEmpty(fir) ? null : fir, RecordedAt = clock.GetUtcNow(), RecordedBy = user.UserName ?? "system",
        };
        // Added explicitly: a new row with its key already set would otherwise be taken for an update.
        db.Add(entry);
        person.History.Add(entry);
        person.RefreshConviction();
        await db.SaveChangesAsync(cancellationToken);
        return new RecordedHistory(entry.Id, entry.Kind);
    }

    public async Task CloseAsync(Guid personId, Guid entryId, CloseHistoryCommand command, CancellationToken cancellationToken)
    {
        var person = await scope.FindAsync(personId, "id", cancellationToken);
        var entry = person.History.FirstOrDefault(h => h.Id == entryId)
            ?? throw new NotFoundException("entryId", RecordsErrors.Text("History.NotFound"));
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 300)
        {
            throw new ValidationFailedException("reason", RecordsErrors.Text("History.CloseReason", 300));
        }

        if (entry.ClosedAt is not null)
        {
            throw new RuleViolationException(RecordsErrors.Text("History.AlreadyClosed"));
        }

        entry.ClosedAt = clock.GetUtcNow();
        entry.ClosedBy = user.UserName ?? "system";
        entry.ClosedReason = reason;
        person.RefreshConviction();
        await db.SaveChangesAsync(cancellationToken);
    }
}
