using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.WriteCaseDiary;

/// <param name="Text">What was done and found, in the officer's words.</param>
public sealed record WriteCaseDiaryCommand(string? Text);

public sealed record DiaryEntryView(Guid Id, DateTimeOffset WrittenAt, string Author, string AuthorName, string Text);

/// <summary>
/// Appends an entry to the case diary: the case's IO or a supervisor writes it, the server stamps the
/// time. Entries are never edited or removed (there is no route that would); a correction is a new entry.
/// </summary>
public sealed class WriteCaseDiaryHandler(NigehbanDbContext db, CaseWork work, StaffDirectory staff)
{
    public async Task<DiaryEntryView> HandleAsync(string reference, WriteCaseDiaryCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        var text = TextFields.Required(command.Text, "text", 8000);
        var author = await staff.FindAsync(work.Actor, cancellationToken);
        var entry = new FirDiaryEntry
        {
            Id = Guid.CreateVersion7(),
            FirId = fir.Id,
            UnitPath = fir.UnitPath,
            WrittenAt = work.Now,
            AuthorUserName = work.Actor,
            AuthorName = author?.DisplayName ?? work.Actor,
            Text = text,
        };
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return new DiaryEntryView(entry.Id, entry.WrittenAt, entry.AuthorUserName, entry.AuthorName, entry.Text);
    }
}
