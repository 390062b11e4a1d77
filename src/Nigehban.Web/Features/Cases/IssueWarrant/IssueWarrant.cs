using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.IssueWarrant;

/// <param name="PartyPosition">The person of the case the warrant is for (a named party's position).</param>
/// <param name="IssuedOn">The date the court issued it (force-local): not in the future.</param>
/// <param name="Court">The issuing court.</param>
public sealed record IssueWarrantCommand(int? PartyPosition, DateOnly? IssuedOn, string? Court);

public sealed record WarrantView(int Number, int PartyPosition, string Person, string Court, DateOnly IssuedOn, WarrantStatus Status,
    DateOnly? ClosedOn, string? ExecutedBy, string? ReturnReason, string RecordedBy);

/// <summary>Records an arrest warrant a court issued for a named person of the case, numbered 1, 2, 3 … within the FIR.</summary>
public sealed class IssueWarrantHandler(NigehbanDbContext db, CaseWork work)
{
    public async Task<WarrantView> HandleAsync(string reference, IssueWarrantCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        if (command.PartyPosition is not { } position)
        {
            throw new ValidationFailedException("partyPosition", ApiErrors.Text("Field.Required", "partyPosition"));
        }

        var party = await db.Set<FirParty>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.FirId == fir.Id && p.Position == position && !p.IsUnknown && p.Name != null, cancellationToken)
            ?? throw new ValidationFailedException("partyPosition", CasesErrors.Text("Warrant.NotANamedParty", position));
        var issuedOn = work.CourtDate(command.IssuedOn, fir, "issuedOn");
        var court = TextFields.Required(command.Court, "court", 200);
        if (fir.Status == FirStatus.Cancelled)
        {
            throw new RuleViolationException(CasesErrors.Text("Wanted.CaseCancelled"));
        }

        // Numbers follow the FIR's own warrants; the unique index refuses a number two officers took at once (the later one saves nothing: 409).
        var number = 1 + (await db.Set<FirWarrant>().Where(w => w.FirId == fir.Id).MaxAsync(w => (int?)w.Number, cancellationToken) ?? 0);
        var warrant = new FirWarrant
        {
            Id = Guid.CreateVersion7(),
            FirId = fir.Id,
            Number = number,
            Reference = fir.Reference,
            UnitCode = fir.UnitCode,
            UnitPath = fir.UnitPath,
            PartyPosition = position,
            PersonName = party.Name!,
            Court = court,
            IssuedOn = issuedOn,
            RecordedBy = work.Actor,
            RecordedAt = work.Now,
        };
        db.Add(warrant);
        db.Audit.Record(new AuditEntry("fir.warrant-issued", nameof(Fir), fir.Reference,
            Details: $"warrant {number} for party {position}, issued {issuedOn:yyyy-MM-dd} by {court}", UnitPath: fir.UnitPath));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolations.IsOn(e, NumberIndex(db)))
        {
            throw new RuleViolationException(ApiErrors.Text("Conflict.ChangedMeanwhile"));
        }
        return View(warrant);
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IIndex NumberIndex(NigehbanDbContext db) =>
        UniqueViolations.IndexOf<FirWarrant>(db, nameof(FirWarrant.FirId), nameof(FirWarrant.Number));

    public static WarrantView View(FirWarrant w) =>
        new(w.Number, w.PartyPosition, w.PersonName, w.Court, w.IssuedOn, w.Status, w.ClosedOn, w.ExecutedBy, w.ReturnReason, w.RecordedBy);
}
