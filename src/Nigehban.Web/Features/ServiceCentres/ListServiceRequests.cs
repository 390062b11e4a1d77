using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record ServiceRequestQuery(string? Status, string? Service, string? Unit, bool? Overdue, string? Search, int? Page, int? PageSize);

public sealed record ServiceRequestRow(
    string Reference, string ServiceCode, string UnitCode, ServiceRequestStatus Status, ServiceChannel Channel,
    string ApplicantName, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, bool Overdue, bool? RecordCheckHit);

/// <summary>The officer's queue, filtered and paged. Jurisdiction applies: others' requests do not exist.</summary>
public sealed class ListServiceRequestsHandler(NigehbanDbContext db, UnitDirectory units, ServiceRequestClock clock, JurisdictionScope scope, ForcePack force)
{
    public async Task<PagedList<ServiceRequestRow>> ListAsync(ServiceRequestQuery query, CancellationToken cancellationToken)
    {
        var requests = db.Set<ServiceRequest>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!Enum.TryParse<ServiceRequestStatus>(query.Status, ignoreCase: true, out var status))
            {
                throw new ValidationFailedException("status", ServiceCentreErrors.Text("Request.StatusOneOf", string.Join(", ", Enum.GetNames<ServiceRequestStatus>())));
            }

            requests = requests.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            requests = requests.Where(r => r.ServiceCode == query.Service);
        }

        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            var unit = units.Find(query.Unit) ?? throw new ValidationFailedException("unit", ServiceCentreErrors.Text("Unit.Unknown", query.Unit));
            // Narrows the jurisdiction filter to the unit; a unit outside it answers 404, as on the dashboard.
            scope.LimitTo(unit.Path);
        }

        var now = clock.Now;
        if (query.Overdue == true)
        {
            requests = requests.Where(r => r.Status != ServiceRequestStatus.Issued && r.Status != ServiceRequestStatus.Rejected && r.DueAt < now);
        }

        // A term that reads as a national ID (typed with separators or in another script's digits) is
        // looked up as one, exactly, and the lookup of a person by their ID is an audited read.
        var nationalId = force.NationalId.Normalise(query.Search);
        if (nationalId is not null)
        {
            requests = requests.Where(r => r.Applicant.NationalId == nationalId);
        }
        else if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            requests = requests.Where(r => r.Reference == term.ToUpper() || r.Applicant.Name.ToLower().Contains(term.ToLower()));
        }

        var page = await PagedList<ServiceRequestRow>.CreateAsync(
            requests.OrderBy(r => r.DueAt),
            r => new ServiceRequestRow(r.Reference, r.ServiceCode, r.UnitCode, r.Status, r.Channel, r.Applicant.Name, r.SubmittedAt, r.DueAt,
                r.Status != ServiceRequestStatus.Issued && r.Status != ServiceRequestStatus.Rejected && r.DueAt < now, r.RecordCheckHit),
            query.Page ?? 1, query.PageSize ?? PagedList<ServiceRequestRow>.DefaultPageSize, cancellationToken);
        if (nationalId is not null)
        {
            db.Audit.Record(new AuditEntry("service-request.search", nameof(ServiceRequest), "by-national-id",
                Details: page.Items.Count == 0 ? "no match" : string.Join(' ', page.Items.Select(r => r.Reference)), UnitPath: scope.PathPrefix));
            await db.SaveChangesAsync(cancellationToken);
        }

        return page;
    }
}
