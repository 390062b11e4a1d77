using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.RecordArrest;

/// <param name="Person">The arrested person's name: an arrest is always of someone.</param>
/// <param name="AccusedPosition">Which accused of the FIR this is (the party's position), when the report named them.</param>
/// <param name="CustodyStartedAt">When custody began; now when left out.</param>
public sealed record RecordArrestCommand(string? Person, int? AccusedPosition = null, DateTimeOffset? CustodyStartedAt = null);

public sealed record ArrestView(Guid Id, string Person, int? AccusedPosition, DateTimeOffset CustodyStartedAt, DateTimeOffset ProduceBy, string ArrestedBy,
    DateTimeOffset? ProducedInCourtAt = null, bool CustodyOverdue = false);

/// <summary>
/// Records an arrest in a case under investigation: a named person, custody start (not in the future),
/// and the time by which they must be produced in court, from the pack's custody limit.
/// </summary>
public sealed class RecordArrestHandler(NigehbanDbContext db, CaseWork work)
{
    /// <summary>Clocks of phones and desks drift: a custody start a few minutes "ahead" is still now.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<ArrestView> HandleAsync(string reference, RecordArrestCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        var person = TextFields.Required(command.Person, "person", 120);
        var now = work.Now;
        var start = command.CustodyStartedAt?.ToMicroseconds() ?? now;
        if (start > now + ClockTolerance || start < fir.OccurredAt)
        {
            throw new ValidationFailedException("custodyStartedAt", CasesErrors.Text("Arrest.CustodyStart"));
        }

        if (command.AccusedPosition is { } position
            && !await db.Set<FirParty>().AnyAsync(p => p.FirId == fir.Id && p.Position == position && p.Role == PartyRole.Accused, cancellationToken))
        {
            throw new ValidationFailedException("accusedPosition", CasesErrors.Text("Arrest.NotAnAccused", position));
        }

        if (fir.Status != FirStatus.UnderInvestigation)
        {
            throw new RuleViolationException(CasesErrors.Text("Fir.NotUnderInvestigation", fir.Status));
        }

        var arrest = new FirArrest
        {
            Id = Guid.CreateVersion7(),
            FirId = fir.Id,
            UnitCode = fir.UnitCode,
            UnitPath = fir.UnitPath,
            Reference = fir.Reference,
            PersonName = person,
            AccusedPosition = command.AccusedPosition,
            CustodyStartedAt = start,
            ProduceBy = work.ProduceBy(start),
            ArrestedBy = work.Actor,
            RecordedAt = now,
        };
        db.Add(arrest);

        // A proclaimed offender of this case, now in custody, is no longer wanted (ADR-054).
        if (command.AccusedPosition is { } accused)
        {
            foreach (var wanted in await db.Set<WantedPerson>()
                .Where(w => w.FirId == fir.Id && w.PartyPosition == accused && w.Status == WantedStatus.Wanted).ToListAsync(cancellationToken))
            {
                wanted.Arrested(work.LocalDay(start), "arrest");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return View(arrest);
    }

    public static ArrestView View(FirArrest a) =>
        new(a.Id, a.PersonName, a.AccusedPosition, a.CustodyStartedAt, a.ProduceBy, a.ArrestedBy, a.ProducedInCourtAt, a.CustodyOverdueAlertedAt is not null);
}
