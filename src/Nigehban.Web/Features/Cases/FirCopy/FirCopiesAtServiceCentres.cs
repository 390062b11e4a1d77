using System.Globalization;
using System.Resources;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.References;

namespace Nigehban.Web.Features.Cases.FirCopy;

/// <summary>
/// The FIR copy as a service centres' output (<c>"output": "fir-copy"</c> in services.json): the
/// applicant names the FIR by its reference (the one their SMS gave them); the centre issues it only
/// when the FIR was registered in the centre's area and names the applicant as a party. The copy
/// issued is the FIR copy itself, whose QR verifies through <see cref="FirCopies"/>.
/// </summary>
public sealed class FirCopiesAtServiceCentres(NigehbanDbContext db, RenderFirCopyHandler copies) : IRecordCopies
{
    private static readonly ResourceManager Messages = new(typeof(FirMessages));

    public string Output => "fir-copy";

    public string RecordLabel(string language) =>
        Messages.GetString("Copy.RecordLabel", CultureInfo.GetCultureInfo(language)) ?? "FIR reference";

    public async Task<string?> FindForApplicantAsync(string named, string areaPath, string nationalId, string? phone, CancellationToken cancellationToken)
    {
        if (!ReferenceNumber.TryParse(named.Trim(), out var parsed))
        {
            return null;
        }

        var reference = parsed.ToString();
        var fir = await Firs().FirstOrDefaultAsync(f => f.Reference == reference && f.UnitPath.StartsWith(areaPath), cancellationToken);
        var normalisedPhone = TextFields.NormalisePhone(phone);
        var namesTheApplicant = fir is not null && fir.Parties.Any(p =>
            p.NationalId == nationalId || (normalisedPhone is not null && p.Phone == normalisedPhone));
        return namesTheApplicant ? fir!.Reference : null;
    }

    public async Task<(byte[] Pdf, string FileName)> RenderAsync(string reference, CancellationToken cancellationToken)
    {
        var fir = await ReadFirsHandler.FindAsync(Firs(), reference.Trim(), cancellationToken);
        return await copies.RenderAsync(fir, "fir-copy.issued-read", $"{fir.CopyCode} by the holder of an issued application", cancellationToken);
    }

    // The service centre answers for the applicant's right to the FIR (its area, a party's ID), and its
    // holder downloads without an account: outside the caller's own jurisdiction filter by design.
    private IQueryable<Fir> Firs() =>
        db.Set<Fir>().IgnoreQueryFilters().AsNoTracking().AsSplitQuery().Include(f => f.Offences).Include(f => f.Parties);
}
