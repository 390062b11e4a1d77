using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record ServiceRequestQuery(string? Status, string? Service, string? Unit, bool? Overdue, string? Search, int? Page, int? PageSize);

public sealed record ServiceRequestRow(
    string Reference, string ServiceCode, string UnitCode, ServiceRequestStatus Status, ServiceChannel Channel,
    string ApplicantName, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, bool Overdue, bool? RecordCheckHit);

public sealed record ServiceRequestDetail(
    string Reference, string ServiceCode, string Service, string UnitCode, ServiceRequestStatus Status, ServiceChannel Channel,
    Applicant Applicant, string? DetailsJson, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, DateTimeOffset? ClosedAt, DateTimeOffset? BreachedAt,
    decimal FeeAmount, string FeeCurrency, bool FeePaid, bool? RecordCheckHit, string? RecordCheckSummary, string? RejectionReason, string? CorrectionNote,
    IReadOnlyList<ServiceRequestStatus> AllowedNext,
    IReadOnlyList<StaffTimelineStep> Timeline);

public sealed record StaffTimelineStep(ServiceRequestStatus? From, ServiceRequestStatus To, DateTimeOffset At, string Actor, string? Note);

/// <summary>The officer's queue (filtered, paged) and one application in full. Jurisdiction applies: others' requests do not exist.</summary>
public sealed class ListServiceRequestsHandler(NigehbanDbContext db, ServiceCatalogue catalogue, UnitDirectory units, ServiceRequestClock clock)
{
    public async Task<PagedList<ServiceRequestRow>> ListAsync(ServiceRequestQuery query, CancellationToken cancellationToken)
    {
        var requests = db.Set<ServiceRequest>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!Enum.TryParse<ServiceRequestStatus>(query.Status, ignoreCase: true, out var status))
            {
                throw new ValidationFailedException("status", $"status is one of {string.Join(", ", Enum.GetNames<ServiceRequestStatus>())}.");
            }

            requests = requests.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            requests = requests.Where(r => r.ServiceCode == query.Service);
        }

        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            var unit = units.Find(query.Unit) ?? throw new ValidationFailedException("unit", $"No unit has the code '{query.Unit}'.");
            requests = requests.Where(r => r.UnitPath.StartsWith(unit.Path));
        }

        var now = clock.Now;
        if (query.Overdue == true)
        {
            requests = requests.Where(r => r.Status != ServiceRequestStatus.Issued && r.Status != ServiceRequestStatus.Rejected && r.DueAt < now);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            requests = requests.Where(r => r.Reference == term.ToUpper() || r.Applicant.NationalId == term || r.Applicant.Name.ToLower().Contains(term.ToLower()));
        }

        return await PagedList<ServiceRequestRow>.CreateAsync(
            requests.OrderBy(r => r.DueAt),
            r => new ServiceRequestRow(r.Reference, r.ServiceCode, r.UnitCode, r.Status, r.Channel, r.Applicant.Name, r.SubmittedAt, r.DueAt,
                r.Status != ServiceRequestStatus.Issued && r.Status != ServiceRequestStatus.Rejected && r.DueAt < now, r.RecordCheckHit),
            query.Page ?? 1, query.PageSize ?? PagedList<ServiceRequestRow>.DefaultPageSize, cancellationToken);
    }

    /// <summary>The full application, applicant included: a read of personal data, so it is audited.</summary>
    /// <summary>
    /// A stamp that changes whenever anyone acts on the application (a status change, a document, a
    /// payment). It carries no personal data, so reading it is not audited: an open detail page polls
    /// it and reloads (an audited read) only when it changes.
    /// </summary>
    public async Task<string?> ChangeStampAsync(string reference, CancellationToken cancellationToken)
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

    public async Task<ServiceRequestDetail> GetAsync(string reference, string language, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        var r = await db.Set<ServiceRequest>().AsNoTracking().Include(x => x.Steps)
            .FirstOrDefaultAsync(x => x.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", "No application with this reference in your jurisdiction.");
        var paid = await db.Set<FeePayment>().AnyAsync(p => p.ServiceRequestId == r.Id, cancellationToken);
        db.Audit.Record(new AuditEntry("service-request.read", nameof(ServiceRequest), r.Reference, UnitPath: r.UnitPath));
        await db.SaveChangesAsync(cancellationToken);

        return new ServiceRequestDetail(
            r.Reference, r.ServiceCode, catalogue.Find(r.ServiceCode)?.NameIn(language) ?? r.ServiceCode, r.UnitCode, r.Status, r.Channel,
            r.Applicant, r.DetailsJson, r.SubmittedAt, r.DueAt, r.ClosedAt, r.BreachedAt, r.FeeAmount, r.FeeCurrency, paid,
            r.RecordCheckHit, r.RecordCheckSummary, r.RejectionReason, r.CorrectionNote,
            [.. Enum.GetValues<ServiceRequestStatus>().Where(r.CanMoveTo)],
            [.. r.Steps.OrderBy(s => s.At).Select(s => new StaffTimelineStep(s.FromStatus, s.ToStatus, s.At, s.Actor, s.Note))]);
    }
}
