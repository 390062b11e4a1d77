using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.IssueWarrant;
using Nigehban.Web.Features.Cases.ProclaimOffender;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.ReadWanted;

/// <param name="MayWork">Whether the caller may record proclamations and warrants in this case.</param>
/// <param name="Accused">The named accused of the FIR: whom a proclamation may name (position and name).</param>
/// <param name="Persons">The named parties: whom a warrant may name.</param>
public sealed record CaseWantedView(string Reference, string FirNumber, bool MayWork, IReadOnlyList<PartyChoice> Accused, IReadOnlyList<PartyChoice> Persons,
    IReadOnlyList<WantedPersonView> Wanted, IReadOnlyList<WarrantView> Warrants);

public sealed record PartyChoice(int Position, string Name, PartyRole Role);

/// <param name="Status">wanted (default) or arrested.</param>
/// <param name="Unit">A unit of the caller's jurisdiction to narrow to.</param>
public sealed record WantedQuery(string? Status, string? Unit, int? Page, int? PageSize);

/// <summary>
/// Reading proclaimed offenders and warrants: one case's (audited), and the list of a station's (or a
/// district's) proclaimed offenders, wanted or arrested. Jurisdiction applies: outside it, 404.
/// </summary>
public sealed class ReadWantedHandler(NigehbanDbContext db, CaseWork work, UnitDirectory units, JurisdictionScope scope)
{
    public async Task<CaseWantedView> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var fir = await ReadFirsHandler.FindAsync(db.Set<Fir>().AsNoTracking(), reference, cancellationToken);
        var parties = await db.Set<FirParty>().AsNoTracking().Where(p => p.FirId == fir.Id && !p.IsUnknown && p.Name != null && p.Role != PartyRole.Complainant)
            .OrderBy(p => p.Position).Select(p => new PartyChoice(p.Position, p.Name!, p.Role)).ToListAsync(cancellationToken);
        var wanted = await db.Set<WantedPerson>().AsNoTracking().Where(w => w.FirId == fir.Id).OrderBy(w => w.RecordedAt).ToListAsync(cancellationToken);
        var warrants = await db.Set<FirWarrant>().AsNoTracking().Where(w => w.FirId == fir.Id).OrderBy(w => w.Number).ToListAsync(cancellationToken);
        db.Audit.Record(new AuditEntry("fir.wanted-read", nameof(Fir), fir.Reference, UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new CaseWantedView(fir.Reference, fir.FirNumber, work.MayWork(fir) && fir.Status != FirStatus.Cancelled,
            [.. parties.Where(p => p.Role == PartyRole.Accused)], parties,
            [.. wanted.Select(ProclaimOffenderHandler.View)], [.. warrants.Select(IssueWarrantHandler.View)]);
    }

    /// <summary>Proclaimed offenders of the caller's jurisdiction (or of <c>unit</c>), most recently proclaimed first.</summary>
    public async Task<PagedList<WantedPersonView>> ListAsync(WantedQuery query, CancellationToken cancellationToken)
    {
        var status = WantedStatus.Wanted;
        if (!string.IsNullOrWhiteSpace(query.Status)
            && (query.Status.Trim().All(char.IsDigit) || !Enum.TryParse(query.Status.Trim(), ignoreCase: true, out status) || !Enum.IsDefined(status)))
        {
            throw new ValidationFailedException("status", CasesErrors.Text("Wanted.Status", string.Join(", ", Enum.GetValues<WantedStatus>())));
        }

        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            var found = units.Find(query.Unit.Trim()) ?? throw new ValidationFailedException("unit", CasesErrors.Text("Unit.NotAStation", query.Unit, "unit"));
            scope.LimitTo(found.Path);
        }

        var rows = db.Set<WantedPerson>().AsNoTracking().Where(w => w.Status == status)
            .OrderByDescending(w => w.ProclaimedOn).ThenByDescending(w => w.RecordedAt);
        return await PagedList<WantedPersonView>.CreateAsync(rows,
            w => new WantedPersonView(w.Id, w.Reference, w.FirNumber, w.UnitCode, w.PartyPosition, w.Name, w.FatherName, w.NationalId,
                w.ProclaimedOn, w.Court, w.Status, w.ArrestedOn, w.ArrestedThrough, w.RecordedBy),
            query.Page ?? 1, query.PageSize ?? PagedList<WantedPersonView>.DefaultPageSize, cancellationToken);
    }
}
