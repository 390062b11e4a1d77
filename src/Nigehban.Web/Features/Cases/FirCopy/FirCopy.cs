using System.Globalization;
using System.Resources;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.FirCopy;

/// <summary>
/// The FIR copy: a one-page PDF of the FIR as registered, with a QR code whose verification URL and
/// signature the public verification page checks (<see cref="FirCopies"/>). Rendered from the stored
/// FIR on demand for staff in its jurisdiction; every rendering is an audited read.
/// </summary>
public sealed class RenderFirCopyHandler(NigehbanDbContext db, CasesPack pack, ForcePack force, UnitDirectory units, PublicBaseUrl baseUrl, OfficialDocumentPdf renderer)
{
    /// <summary>The copy is one page: the narrative is cut there, and the FIR itself holds it whole.</summary>
    private const int NarrativeOnCopy = 600;

    public async Task<(byte[] Pdf, string FileName)> HandleAsync(string reference, CancellationToken cancellationToken)
    {
        var fir = await ReadFirsHandler.FindAsync(db, reference, cancellationToken);
        return await RenderAsync(fir, "fir-copy.read", fir.CopyCode, cancellationToken);
    }

    /// <summary>Renders <paramref name="fir"/> (found by the caller, who answers for the right to it), audited as <paramref name="action"/>.</summary>
    public async Task<(byte[] Pdf, string FileName)> RenderAsync(Fir fir, string action, string details, CancellationToken cancellationToken)
    {
        db.Audit.Record(new AuditEntry(action, nameof(Fir), fir.Reference, Details: details, UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);

        var station = units.Find(fir.UnitCode)?.Name ?? fir.UnitCode;
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, force.TimeZone).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        var accused = fir.Parties.Where(p => p.Role == PartyRole.Accused).Select(p => p.IsUnknown ? "Unknown" + (p.Description is null ? "" : $" ({p.Description})") : p.Name!).ToList();
        var narrative = fir.Narrative.Length <= NarrativeOnCopy ? fir.Narrative : fir.Narrative[..NarrativeOnCopy] + " …";
        var pdf = renderer.Render(new OfficialDocument(
            force.Name,
            $"First Information Report {fir.FirNumber}",
            [
                ("FIR number", $"{fir.FirNumber}, {station}"),
                ("Registered", Local(fir.RegisteredAt)),
                ("Occurrence", $"{Local(fir.OccurredAt)}, {fir.Place}"),
                ("Offences", string.Join("; ", fir.Offences.OrderBy(o => o.Position).Select(o => $"{o.Code} ({pack.Offence(o.Code)?.Title ?? o.CrimeHead})"))),
                ("Complainant", fir.Complainant.Name ?? "-"),
                ("Accused", accused.Count == 0 ? "-" : string.Join("; ", accused)),
                ("Investigating officer", fir.InvestigatingOfficerName),
                ("Verification code", fir.CopyCode),
            ],
            narrative,
            baseUrl.VerificationUrl(fir.CopyCode, fir.CopySignature),
            $"Reference {fir.Reference}. Copy of the FIR as registered at {station}. Verify at the address above; a copy whose QR code does not verify is not genuine."));
        return (pdf, $"FIR-{fir.UnitCode}-{fir.Number}-{fir.Year}.pdf");
    }
}

/// <summary>
/// FIR copies for the public verification (a Platform seam the service centres' verification asks):
/// valid when the stored fields still carry their signature and the QR's signature is theirs; the
/// holder named (the page masks the name); a forged copy learns nothing of the real FIR whose code it copied.
/// </summary>
public sealed class FirCopies(NigehbanDbContext db, DocumentSigner signer, UnitDirectory units) : IDocumentVerifier
{
    private static readonly ResourceManager Messages = new(typeof(FirMessages));

    public async Task<DocumentCheck?> CheckAsync(string code, string? signature, string language, CancellationToken cancellationToken)
    {
        // A copy's code is a verification code, as a certificate's is; an altered one is not looked up.
        if (VerificationCode.Normalise(code) is not { } normalised)
        {
            return null;
        }

        var fir = await db.Set<Fir>()
            .IgnoreQueryFilters() // public verification by the copy's own code
            .AsNoTracking().AsSplitQuery()
            .Include(f => f.Offences).Include(f => f.Parties)
            .FirstOrDefaultAsync(f => f.CopyCode == normalised, cancellationToken);
        if (fir is null)
        {
            return null;
        }

        if (!signer.Verify(fir.CopySignedFields(), fir.CopySignature) || (signature is not null && signature != fir.CopySignature))
        {
            return new DocumentCheck(DocumentVerdict.Forged, null, null, null);
        }

        var culture = CultureInfo.GetCultureInfo(language);
        var station = units.Find(fir.UnitCode)?.NameIn(culture) ?? fir.UnitCode;
        var title = string.Format(CultureInfo.InvariantCulture, Messages.GetString("Copy.Title", culture) ?? "FIR {0}, {1}", fir.FirNumber, station);
        return new DocumentCheck(DocumentVerdict.Valid, title, fir.RegisteredAt, fir.Complainant.Name ?? "-");
    }
}
