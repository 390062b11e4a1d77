using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>What an FIR takes over from the complaint it is registered from.</summary>
[ModuleContract]
public sealed record ComplaintForFir(
    string Reference, string UnitCode, string Description, DateTimeOffset IncidentAt, string? LocationText, double? Latitude, double? Longitude,
    string ComplainantName, string ComplainantPhone, string? ComplainantNationalId, string Language);

/// <summary>
/// Lets the cases module register an FIR from a front-desk complaint: the complaint is found within
/// the caller's jurisdiction (outside it: 404) and disposed as "FIR registered", naming the FIR, in
/// the caller's context, so that it is saved in the same transaction as the FIR or not at all.
/// </summary>
[ModuleContract]
public sealed class ComplaintsForFir(NigehbanDbContext db)
{
    public async Task<ComplaintForFir> TakeAsync(string reference, string field, CancellationToken cancellationToken)
    {
        // A mistyped reference (its check character fails) is answered like an unknown one.
        var canonical = ReferenceNumber.TryParse(reference, out var parsed) ? parsed.ToString() : null;
        var complaint = (canonical is null ? null : await db.Set<StationComplaint>().FirstOrDefaultAsync(c => c.Reference == canonical, cancellationToken))
            ?? throw new NotFoundException(field, "No complaint with this reference in your jurisdiction.");
        if (complaint.Status == ComplaintStatus.Disposed)
        {
            throw new RuleViolationException($"Complaint {complaint.Reference} is disposed already ({complaint.Outcome}); an FIR is registered from an open complaint.");
        }

        return new ComplaintForFir(complaint.Reference, complaint.UnitCode, complaint.Description, complaint.IncidentAt, complaint.LocationText,
            complaint.Latitude, complaint.Longitude, complaint.Complainant.Name, complaint.Complainant.Phone, complaint.Complainant.NationalId, complaint.Language);
    }

    /// <summary>Disposes the complaint taken by <see cref="TakeAsync"/> as "FIR registered"; the caller's save stores it.</summary>
    public void RecordFir(string reference, string firNumber, string unitCode, string actor, DateTimeOffset at)
    {
        var complaint = db.ChangeTracker.Entries<StationComplaint>().Select(e => e.Entity).Single(c => c.Reference == reference);
        complaint.RecordFirRegistered($"{unitCode} {firNumber}", actor, at);
    }
}
