using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres.RateServiceRequest;

/// <summary>The applicant's rating: their national ID (with the reference, the key they track by) and 1 to 5.</summary>
public sealed record RateServiceRequestCommand(string? NationalId, int? Rating);

public sealed record ServiceRequestRating(string Reference, int Rating);

/// <summary>
/// The applicant rates a delivered application once (ADR-044). Only the secret pair that tracks it
/// (reference and national ID) reaches it: a mismatch is the tracking's 404, and nothing about the
/// application, not even whether it is delivered, answers a wrong key.
/// </summary>
public sealed class RateServiceRequestHandler(NigehbanDbContext db, ForcePack force, TimeProvider clock)
{
    public async Task<ServiceRequestRating> HandleAsync(string reference, RateServiceRequestCommand command, CancellationToken cancellationToken)
    {
        var notFound = new NotFoundException("reference", ServiceCentreErrors.Text("Track.NoMatch"));
        if (string.IsNullOrWhiteSpace(command.NationalId))
        {
            throw new ValidationFailedException("nationalId", ServiceCentreErrors.Text("Track.NationalIdRequired"));
        }

        var canonical = ServiceRequest.CanonicalReference(reference);
        var id = force.NationalId.Normalise(command.NationalId) ?? throw notFound;
        var request = await db.Set<ServiceRequest>()
            .IgnoreQueryFilters() // the applicant's own secret pair (reference + national ID), as tracking
            .FirstOrDefaultAsync(r => r.Reference == canonical && r.Applicant.NationalId == id, cancellationToken) ?? throw notFound;
        if (command.Rating is not { } rating)
        {
            throw new ValidationFailedException("rating", ServiceCentreErrors.Text("Rating.Range"));
        }

        request.Rate(rating, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new ServiceRequestRating(request.Reference, rating);
    }
}
