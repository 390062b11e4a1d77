using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.IssueWarrant;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.CloseWarrant;

/// <param name="ExecutedOn">The date it was executed (force-local): not in the future, not before it was issued.</param>
/// <param name="Officer">The officer who arrested on it.</param>
public sealed record ExecuteWarrantCommand(DateOnly? ExecutedOn, string? Officer);

/// <param name="ReturnedOn">The date it went back to the court unexecuted.</param>
/// <param name="Reason">Why it was not executed (not found at the address, moved away …).</param>
public sealed record ReturnWarrantCommand(DateOnly? ReturnedOn, string? Reason);

/// <summary>
/// What became of a warrant: executed once (a second execution is 409), or returned unexecuted with a
/// reason. An executed warrant for a proclaimed offender of the case ends his being wanted (ADR-054).
/// </summary>
public sealed class CloseWarrantHandler(NigehbanDbContext db, CaseWork work)
{
    public async Task<WarrantView> ExecuteAsync(string reference, int number, ExecuteWarrantCommand command, CancellationToken cancellationToken)
    {
        var (fir, warrant) = await FindAsync(reference, number, cancellationToken);
        var on = ClosingDate(command.ExecutedOn, fir, warrant, "executedOn");
        var officer = TextFields.Required(command.Officer, "officer", 120);
        warrant.Execute(on, officer);
        var wanted = await db.Set<WantedPerson>()
            .Where(w => w.FirId == fir.Id && w.PartyPosition == warrant.PartyPosition && w.Status == WantedStatus.Wanted)
            .ToListAsync(cancellationToken);
        foreach (var person in wanted)
        {
            person.Arrested(on, "warrant");
        }

        db.Audit.Record(new AuditEntry("fir.warrant-executed", nameof(Fir), fir.Reference,
            Details: $"warrant {number} executed {on:yyyy-MM-dd} by {officer}{(wanted.Count > 0 ? "; proclaimed offender arrested" : "")}", UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken); // two officers closing one warrant at once: the version lets one win, the other gets 409
        return IssueWarrantHandler.View(warrant);
    }

    public async Task<WarrantView> ReturnAsync(string reference, int number, ReturnWarrantCommand command, CancellationToken cancellationToken)
    {
        var (fir, warrant) = await FindAsync(reference, number, cancellationToken);
        var on = ClosingDate(command.ReturnedOn, fir, warrant, "returnedOn");
        var reason = TextFields.Required(command.Reason, "reason", 1000);
        warrant.Return(on, reason);
        db.Audit.Record(new AuditEntry("fir.warrant-returned", nameof(Fir), fir.Reference,
            Details: $"warrant {number} returned {on:yyyy-MM-dd}: {reason}", UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken); // two officers closing one warrant at once: the version lets one win, the other gets 409
        return IssueWarrantHandler.View(warrant);
    }

    private async Task<(Fir Fir, FirWarrant Warrant)> FindAsync(string reference, int number, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        var warrant = await db.Set<FirWarrant>().SingleOrDefaultAsync(w => w.FirId == fir.Id && w.Number == number, cancellationToken)
            ?? throw new NotFoundException("number", CasesErrors.Text("Warrant.NotFound", number));
        return (fir, warrant);
    }

    private DateOnly ClosingDate(DateOnly? value, Fir fir, FirWarrant warrant, string field)
    {
        var day = work.CourtDate(value, fir, field);
        if (day < warrant.IssuedOn)
        {
            throw new ValidationFailedException(field, CasesErrors.Text("Warrant.BeforeIssue", warrant.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return day;
    }
}
