using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record ServiceRequestDetail(
    string Reference, string ServiceCode, string Service, string UnitCode, ServiceRequestStatus Status, ServiceChannel Channel,
    Applicant Applicant, string? DetailsJson, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, DateTimeOffset? ClosedAt, DateTimeOffset? BreachedAt,
    decimal FeeAmount, string FeeCurrency, bool FeePaid, bool? RecordCheckHit, string? RecordCheckSummary, string? RejectionReason, string? CorrectionNote,
    IReadOnlyList<ServiceRequestStatus> AllowedNext,
    IReadOnlyList<StaffTimelineStep> Timeline);

public sealed record StaffTimelineStep(ServiceRequestStatus? From, ServiceRequestStatus To, DateTimeOffset At, string Actor, string? Note);

/// <summary>One application in full, applicant included: a read of personal data, so it is audited. Jurisdiction applies.</summary>
public sealed class GetServiceRequestHandler(NigehbanDbContext db, ServiceCatalogue catalogue)
{
    public async Task<ServiceRequestDetail> HandleAsync(string reference, string language, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        var r = await db.Set<ServiceRequest>().AsNoTracking().Include(x => x.Steps)
            .FirstOrDefaultAsync(x => x.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", ServiceCentreErrors.Text("Request.NotInJurisdiction"));
        var paid = await db.Set<FeePayment>().AnyAsync(p => p.ServiceRequestId == r.Id, cancellationToken);
        db.Audit.Record(new AuditEntry("service-request.read", nameof(ServiceRequest), r.Reference, UnitPath: r.UnitPath));
        await db.SaveChangesAsync(cancellationToken);

        return new ServiceRequestDetail(
            r.Reference, r.ServiceCode, catalogue.Find(r.ServiceCode)?.NameIn(language) ?? r.ServiceCode, r.UnitCode, r.Status, r.Channel,
            r.Applicant, r.DetailsJson, r.SubmittedAt, r.DueAt, r.ClosedAt, r.BreachedAt, r.FeeAmount, r.FeeCurrency, paid,
            r.RecordCheckHit, ServiceCentreNotes.InReadersLanguage(r.RecordCheckSummary), r.RejectionReason, r.CorrectionNote,
            [.. Enum.GetValues<ServiceRequestStatus>().Where(r.CanMoveTo)],
            [.. r.Steps.OrderBy(s => s.At).Select(s => new StaffTimelineStep(s.FromStatus, s.ToStatus, s.At, s.Actor, ServiceCentreNotes.InReadersLanguage(s.Note)))]);
    }
}

/// <summary>
/// A stamp that changes whenever anyone acts on the application (a status change, a document, a
/// payment). It carries no personal data, so reading it is not audited: an open detail page polls
/// it and reloads (an audited read) only when it changes.
/// </summary>
public sealed class ReadServiceRequestStampHandler(NigehbanDbContext db)
{
    public async Task<string?> HandleAsync(string reference, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        var stamp = await db.Set<ServiceRequest>().AsNoTracking()
            .Where(x => x.Reference == canonical)
            .Select(x => new
            {
                x.Version,
                Documents = db.Set<SupportingDocument>().Count(d => d.ServiceRequestId == x.Id),
                Payments = db.Set<FeePayment>().Count(p => p.ServiceRequestId == x.Id),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return stamp is null ? null : string.Create(CultureInfo.InvariantCulture, $"{stamp.Version}/{stamp.Documents}/{stamp.Payments}");
    }
}
