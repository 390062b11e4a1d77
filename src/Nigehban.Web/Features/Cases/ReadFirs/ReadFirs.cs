using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.ReadFirs;

public sealed record FirQuery(string? Unit, int? Year, string? CrimeHead, int? Page, int? PageSize);

public sealed record FirRow(string Reference, string FirNumber, string UnitCode, string CrimeHead, DateTimeOffset RegisteredAt, DateTimeOffset OccurredAt,
    string InvestigatingOfficer, FirStatus Status);

public sealed record FirOffenceView(string Code, string Title, string CrimeHead);

public sealed record FirPartyView(PartyRole Role, string? Name, bool Unknown, string? Description, PartyGender Gender, int? Age, string? Phone, string? NationalId, string? Address);

public sealed record FirDetail(
    string Reference, string FirNumber, string UnitCode, string UnitName, string CrimeHead, string CrimeHeadName, FirStatus Status,
    DateTimeOffset OccurredAt, string Place, double? Latitude, double? Longitude, string Narrative, string Language,
    DateTimeOffset RegisteredAt, string RegisteredBy, string InvestigatingOfficerUserName, string InvestigatingOfficerName, string? ComplaintReference,
    IReadOnlyList<FirOffenceView> Offences, IReadOnlyList<FirPartyView> Parties);

/// <summary>
/// Staff reading FIRs. Jurisdiction applies (an SHO sees his station's, a DPO his district's);
/// outside it an FIR does not exist (404). A full read is audited.
/// </summary>
public sealed class ReadFirsHandler(NigehbanDbContext db, CasesPack pack, UnitDirectory units, JurisdictionScope scope)
{
    public async Task<PagedList<FirRow>> ListAsync(FirQuery query, CancellationToken cancellationToken)
    {
        var firs = db.Set<Fir>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            var unit = units.Find(query.Unit.Trim()) ?? throw new ValidationFailedException("unit", CasesErrors.Text("Unit.NotAStation", query.Unit, "unit"));
            scope.LimitTo(unit.Path);
        }

        if (query.Year is { } year)
        {
            firs = firs.Where(f => f.Year == year);
        }

        if (!string.IsNullOrWhiteSpace(query.CrimeHead))
        {
            firs = firs.Where(f => f.CrimeHead == query.CrimeHead);
        }

        return await PagedList<FirRow>.CreateAsync(
            firs.OrderByDescending(f => f.RegisteredAt).ThenByDescending(f => f.Number),
            f => new FirRow(f.Reference, f.Number + "/" + f.Year, f.UnitCode, f.CrimeHead, f.RegisteredAt, f.OccurredAt, f.InvestigatingOfficerName, f.Status),
            query.Page ?? 1, query.PageSize ?? PagedList<FirRow>.DefaultPageSize, cancellationToken);
    }

    public async Task<FirDetail> GetAsync(string reference, string language, CancellationToken cancellationToken)
    {
        var fir = await FindAsync(db, reference, cancellationToken);
        db.Audit.Record(new AuditEntry("fir.read", nameof(Fir), fir.Reference, UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return Detail(fir, language);
    }

    public FirDetail Detail(Fir fir, string language)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        return new FirDetail(
            fir.Reference, fir.FirNumber, fir.UnitCode, units.Find(fir.UnitCode)?.NameIn(culture) ?? fir.UnitCode,
            fir.CrimeHead, pack.Head(fir.CrimeHead)?.NameIn(language) ?? fir.CrimeHead, fir.Status,
            fir.OccurredAt, fir.Place, fir.Latitude, fir.Longitude, fir.Narrative, fir.Language,
            fir.RegisteredAt, fir.RegisteredBy, fir.InvestigatingOfficerUserName, fir.InvestigatingOfficerName, fir.ComplaintReference,
            [.. fir.Offences.OrderBy(o => o.Position).Select(o => new FirOffenceView(o.Code, pack.Offence(o.Code)?.Title ?? o.Code, o.CrimeHead))],
            [.. fir.Parties.OrderBy(p => p.Position).Select(p => new FirPartyView(p.Role, p.Name, p.IsUnknown, p.Description, p.Gender, p.Age, p.Phone, p.NationalId, p.Address))]);
    }

    /// <summary>An FIR with its offences and parties, within the caller's jurisdiction; a mistyped reference is answered like an unknown one.</summary>
    public static Task<Fir> FindAsync(NigehbanDbContext db, string reference, CancellationToken cancellationToken) =>
        FindAsync(db.Set<Fir>().AsNoTracking().AsSplitQuery().Include(f => f.Offences).Include(f => f.Parties), reference, cancellationToken);

    /// <summary>The FIR of <paramref name="firs"/> (tracked or not, with what it includes) with this reference; a mistyped reference is answered like an unknown one.</summary>
    public static async Task<Fir> FindAsync(IQueryable<Fir> firs, string reference, CancellationToken cancellationToken)
    {
        var canonical = ReferenceNumber.TryParse(reference, out var parsed) ? parsed.ToString() : null;
        return (canonical is null ? null : await firs.FirstOrDefaultAsync(f => f.Reference == canonical, cancellationToken))
            ?? throw new NotFoundException("reference", CasesErrors.Text("Fir.NotFound"));
    }
}
