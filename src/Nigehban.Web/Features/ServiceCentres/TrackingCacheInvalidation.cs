using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Nigehban.Web.Platform.Caching;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// Evicts the tracking answers of applications a save changed or deleted (the application, its
/// applicant, its timeline, its documents and fee payments), once the change has committed (ADR-015).
/// </summary>
internal sealed class TrackingCacheInvalidation(TrackingCache cache) : CacheEvictionAfterCommit<TrackedStatus>(cache)
{
    protected override void Classify(EntityEntry entry, RecordChanges changes)
    {
        switch (entry.Entity)
        {
            case ServiceRequest request:
                changes.Record(entry, request.Id, request.Reference);
                if (entry.State == EntityState.Modified && entry.Property(nameof(ServiceRequest.Reference)).OriginalValue is string original && original != request.Reference)
                {
                    changes.Reference(original);
                }

                break;
            case ServiceRequestStep step when RecordChanges.Changes(entry):
                changes.Part(step.ServiceRequestId);
                break;
            // Tracking shows what arrived and when the fee was paid.
            case SupportingDocument document when RecordChanges.Changes(entry):
                changes.Part(document.ServiceRequestId);
                break;
            case FeePayment payment when RecordChanges.Changes(entry):
                changes.Reference(payment.ServiceRequestReference);
                break;
            case Applicant when RecordChanges.Changes(entry):
                changes.OwnedPart(entry);
                break;
        }
    }
}
