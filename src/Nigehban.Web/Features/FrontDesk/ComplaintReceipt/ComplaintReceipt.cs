using System.Globalization;
using System.Resources;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.FrontDesk.Pages;
using Nigehban.Web.Features.FrontDesk.ReadComplaints;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.ComplaintReceipt;

/// <summary>The complainant's receipt as it stands now: the station and officer follow transfers and assignments.</summary>
/// <param name="Language">The complainant's language: the PDF is written in it.</param>
public sealed record ComplaintReceiptView(
    string Reference,
    string ComplainantName,
    string Category,
    string Station,
    DateTimeOffset ReceivedAt,
    string? OfficerName,
    string? OfficerPhone,
    string Language,
    string VerificationUrl);

/// <summary>
/// The receipt of a complaint at a station (issue 16): a page and a one-page PDF with a QR code to the
/// public verify page. The complainant opens it with the reference and phone that track the complaint
/// (a mismatch is the tracking 404); staff with <c>front-desk.read</c> print it within their jurisdiction,
/// an audited read. The QR's signature covers only what never changes (ADR-043), so a receipt printed
/// before the officer was named still verifies.
/// </summary>
public sealed class ComplaintReceiptHandler(
    NigehbanDbContext db, FrontDeskPack pack, UnitDirectory units, ForcePack force, DocumentSigner signer, PublicBaseUrl baseUrl, OfficialDocumentPdf renderer)
{
    private static readonly ResourceManager Labels = new(typeof(FrontDeskText));

    /// <param name="phone">The complainant's phone; null for staff, whose jurisdiction then decides.</param>
    public async Task<ComplaintReceiptView> GetAsync(string reference, string? phone, CancellationToken cancellationToken)
    {
        var canonical = ReadComplaintsHandler.CanonicalReference(reference);
        var query = db.Set<StationComplaint>().AsNoTracking();
        if (phone is not null)
        {
            var number = TextFields.NormalisePhone(phone) ?? throw NotFound();
            query = query.IgnoreQueryFilters().Where(c => c.Complainant.Phone == number); // the complainant's own secret pair
        }

        var c = await query.Where(x => x.Reference == canonical)
            .Select(x => new { x.Reference, x.Complainant.Name, x.CategoryCode, x.UnitCode, x.UnitPath, x.ReceivedAt, x.OfficerName, x.OfficerPhone, x.Language })
            .FirstOrDefaultAsync(cancellationToken) ?? throw NotFound();
        if (phone is null)
        {
            db.Audit.Record(new AuditEntry("complaint.receipt", nameof(StationComplaint), c.Reference, UnitPath: c.UnitPath));
            await db.SaveChangesAsync(cancellationToken);
        }

        var culture = CultureInfo.GetCultureInfo(c.Language);
        var signature = signer.Sign(ReceiptFields.Of(c.Reference, c.Name, c.ReceivedAt));
        return new ComplaintReceiptView(
            c.Reference, c.Name, pack.Category(c.CategoryCode)?.NameIn(c.Language) ?? c.CategoryCode,
            units.Find(c.UnitCode)?.NameIn(culture) ?? c.UnitCode, c.ReceivedAt, c.OfficerName, c.OfficerPhone, c.Language,
            baseUrl.VerificationUrl(c.Reference, signature));
    }

    public async Task<(byte[] Pdf, string FileName)> RenderAsync(string reference, string? phone, CancellationToken cancellationToken)
    {
        var receipt = await GetAsync(reference, phone, cancellationToken);
        var culture = CultureInfo.GetCultureInfo(receipt.Language);
        string Label(string key) => Labels.GetString(key, culture) ?? key;
        var received = TimeZoneInfo.ConvertTime(receipt.ReceivedAt, force.TimeZone).ToString("d MMMM yyyy, HH:mm", culture);
        var pdf = renderer.Render(new OfficialDocument(
            LocalNames.Pick(force.Names, force.Name, culture),
            Label("Receipt.Title"),
            [
                (Label("Track.Reference"), receipt.Reference),
                (Label("Receipt.Complainant"), receipt.ComplainantName),
                (Label("Receipt.Category"), receipt.Category),
                (Label("Receipt.Station"), receipt.Station),
                (Label("Track.Received"), received),
                (Label("Track.Officer"), receipt.OfficerName ?? Label("Receipt.NotYetAssigned")),
                .. receipt.OfficerPhone is { } officerPhone ? [(Label("Receipt.OfficerPhone"), officerPhone)] : Array.Empty<(string, string)>(),
            ],
            string.Format(culture, Label("Receipt.Statement"), $"{baseUrl.Value}/complaints/track"),
            receipt.VerificationUrl,
            Label("Receipt.Footer")));
        return (pdf, $"{receipt.Reference}-receipt.pdf");
    }

    private static NotFoundException NotFound() => new("reference", "No complaint matches this reference and phone number.");
}

/// <summary>What a receipt's signature covers: the fields no later step changes.</summary>
public static class ReceiptFields
{
    public static string[] Of(string reference, string complainantName, DateTimeOffset receivedAt) =>
        ["station-complaint-receipt", reference, complainantName, receivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)];
}

/// <summary>
/// The verify page's check of a complaint receipt's QR code (the reference and a signature). Only a
/// scanned code is checked: a typed reference alone would tell anyone that a complaint exists, so it
/// is "unknown"; a signature that does not fit (or a reference that does not exist) is "forged".
/// </summary>
public sealed class ComplaintReceiptVerifier(NigehbanDbContext db, FrontDeskPack pack, DocumentSigner signer) : IDocumentVerifier
{
    private static readonly ResourceManager Labels = new(typeof(FrontDeskText));

    public async Task<DocumentCheck?> CheckAsync(string code, string? signature, string language, CancellationToken cancellationToken)
    {
        if (Parse(code) is not { } parsed || parsed.Kind != pack.ReferencePrefix)
        {
            return null;
        }

        if (string.IsNullOrEmpty(signature))
        {
            return new DocumentCheck(DocumentVerdict.Unknown, null, null, null);
        }

        var canonical = parsed.ToString();
        var c = await db.Set<StationComplaint>()
            .IgnoreQueryFilters() // public verification by the receipt's signed reference
            .AsNoTracking()
            .Where(x => x.Reference == canonical)
            .Select(x => new { x.Reference, x.Complainant.Name, x.ReceivedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return c is not null && signer.Verify(ReceiptFields.Of(c.Reference, c.Name, c.ReceivedAt), signature)
            ? new DocumentCheck(DocumentVerdict.Valid, Labels.GetString("Receipt.Title", CultureInfo.GetCultureInfo(language)) ?? "Complaint receipt", c.ReceivedAt, c.Name)
            : new DocumentCheck(DocumentVerdict.Forged, null, null, null);
    }

    private static ReferenceNumber? Parse(string code) => ReferenceNumber.TryParse(code.Trim().ToUpperInvariant(), out var parsed) ? parsed : null;
}
