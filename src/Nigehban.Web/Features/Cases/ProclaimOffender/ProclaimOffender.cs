using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Watchlists;

namespace Nigehban.Web.Features.Cases.ProclaimOffender;

/// <param name="AccusedPosition">Which accused of the FIR (the party's position): a named one, not an unknown.</param>
/// <param name="ProclaimedOn">The date of the court's proclamation (force-local, yyyy-MM-dd): not in the future.</param>
/// <param name="Court">The court that proclaimed him.</param>
/// <param name="FatherName">His father's name, as the proclamation gives it (what a registration desk matches on beside the name).</param>
/// <param name="NationalId">His national ID, when the FIR did not give it.</param>
public sealed record ProclaimOffenderCommand(int? AccusedPosition, DateOnly? ProclaimedOn, string? Court, string? FatherName = null, string? NationalId = null);

public sealed record WantedPersonView(Guid Id, string Reference, string FirNumber, string UnitCode, int AccusedPosition, string Name, string? FatherName,
    string? NationalId, DateOnly ProclaimedOn, string Court, WantedStatus Status, DateOnly? ArrestedOn, string? ArrestedThrough, string RecordedBy);

/// <summary>
/// Records that a court proclaimed an accused of the FIR an offender: from then he is wanted, on the
/// list other modules match registrations against, until arrested. The case's IO or a supervisor
/// records it (ADR-050, ADR-054).
/// </summary>
public sealed class ProclaimOffenderHandler(NigehbanDbContext db, CaseWork work, ForcePack force)
{
    public async Task<WantedPersonView> HandleAsync(string reference, ProclaimOffenderCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        if (command.AccusedPosition is not { } position)
        {
            throw new ValidationFailedException("accusedPosition", ApiErrors.Text("Field.Required", "accusedPosition"));
        }

        var accused = await db.Set<FirParty>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.FirId == fir.Id && p.Position == position && p.Role == PartyRole.Accused && !p.IsUnknown && p.Name != null, cancellationToken)
            ?? throw new ValidationFailedException("accusedPosition", CasesErrors.Text("Wanted.NotANamedAccused", position));
        var proclaimedOn = work.CourtDate(command.ProclaimedOn, fir, "proclaimedOn");
        var court = TextFields.Required(command.Court, "court", 200);
        var fatherName = TextFields.Optional(command.FatherName, "fatherName", 120);
        var nationalId = accused.NationalId;
        if (!string.IsNullOrWhiteSpace(command.NationalId))
        {
            nationalId = force.NationalId.Normalise(command.NationalId)
                ?? throw new ValidationFailedException("nationalId", CasesErrors.Text("Party.NationalId", force.NationalId.Name, force.NationalId.Example));
        }

        if (fir.Status == FirStatus.Cancelled)
        {
            throw new RuleViolationException(CasesErrors.Text("Wanted.CaseCancelled"));
        }

        if (await db.Set<WantedPerson>().AnyAsync(w => w.FirId == fir.Id && w.PartyPosition == position && w.Status == WantedStatus.Wanted, cancellationToken))
        {
            throw new RuleViolationException(CasesErrors.Text("Wanted.Already", accused.Name));
        }

        var wanted = new WantedPerson
        {
            Id = Guid.CreateVersion7(),
            FirId = fir.Id,
            Reference = fir.Reference,
            FirNumber = fir.FirNumber,
            UnitCode = fir.UnitCode,
            UnitPath = fir.UnitPath,
            PartyPosition = position,
            Name = accused.Name!,
            NameKey = WantedNames.KeyOf(accused.Name!),
            FatherName = fatherName,
            FatherNameKey = fatherName is null ? null : WantedNames.KeyOf(fatherName),
            NationalId = nationalId,
            ProclaimedOn = proclaimedOn,
            Court = court,
            RecordedBy = work.Actor,
            RecordedAt = work.Now,
        };
        db.Add(wanted);
        db.Audit.Record(new AuditEntry("fir.offender-proclaimed", nameof(Fir), fir.Reference,
            Details: $"accused {position}, proclaimed {proclaimedOn:yyyy-MM-dd} by {court}", UnitPath: fir.UnitPath));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolations.IsOn(e, OpenProclamationIndex(db)))
        {
            // Another officer recorded the same proclamation a moment earlier: the index keeps one open.
            throw new RuleViolationException(CasesErrors.Text("Wanted.Already", accused.Name));
        }
        return View(wanted);
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IIndex OpenProclamationIndex(NigehbanDbContext db) =>
        UniqueViolations.IndexOf<WantedPerson>(db, nameof(WantedPerson.FirId), nameof(WantedPerson.PartyPosition));

    public static WantedPersonView View(WantedPerson w) => new(w.Id, w.Reference, w.FirNumber, w.UnitCode, w.PartyPosition, w.Name, w.FatherName,
        w.NationalId, w.ProclaimedOn, w.Court, w.Status, w.ArrestedOn, w.ArrestedThrough, w.RecordedBy);
}
