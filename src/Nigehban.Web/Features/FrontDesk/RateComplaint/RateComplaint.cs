using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.FrontDesk.ReadComplaints;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk.RateComplaint;

public sealed record RateComplaintCommand(string? Phone, int? Rating, string? Comment);

public sealed record ComplaintRating(string Reference, int Rating);

/// <summary>
/// The complainant rates the outcome (1-5 and a comment) once the complaint is disposed, with the
/// reference and phone that track it: a mismatch is the tracking page's 404; a rating before
/// disposal or a second one is 409.
/// </summary>
public sealed class RateComplaintHandler(NigehbanDbContext db, JurisdictionScope scope, TimeProvider time)
{
    public async Task<ComplaintRating> HandleAsync(string reference, RateComplaintCommand command, CancellationToken cancellationToken)
    {
        if (command.Rating is not { } rating || rating is < 1 or > 5)
        {
            throw new ValidationFailedException("rating", "rating is a whole number from 1 to 5.");
        }

        var comment = TextFields.Optional(command.Comment, "comment", 1000);
        var canonical = ReadComplaintsHandler.CanonicalReference(reference);
        var phone = TextFields.NormalisePhone(command.Phone) ?? throw NotFound();
        scope.Unrestricted("the complainant rates by a secret pair (reference + phone)");
        var complaint = await db.Set<StationComplaint>()
            .FirstOrDefaultAsync(c => c.Reference == canonical && c.Complainant.Phone == phone, cancellationToken) ?? throw NotFound();
        complaint.Rate(rating, comment, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new ComplaintRating(complaint.Reference, rating);
    }

    private static NotFoundException NotFound() => new("reference", "No complaint matches this reference and phone number.");
}
