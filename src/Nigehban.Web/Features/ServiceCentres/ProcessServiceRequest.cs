using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record TransitionCommand(ServiceRequestStatus? To, string? Reason);

/// <summary>
/// Moves an application through its lifecycle, each step by a permitted role and audited:
/// documents checked → record check → approval → issued, or rejected / returned for correction.
/// Only requests inside the officer's jurisdiction are found (404 otherwise).
/// </summary>
public sealed class ProcessServiceRequestHandler(
    NigehbanDbContext db,
    CurrentUser user,
    ServiceCatalogue catalogue,
    IRecordCheck recordCheck,
    ServiceRequestClock clock,
    ServiceRequestNotifications notifications,
    IEnumerable<IServiceRequestIssuer> issuers)
{
    /// <summary>Which permission each target status needs: approval and rejection are the approving officer's.</summary>
    public static string PermissionFor(ServiceRequestStatus to) => to switch
    {
        ServiceRequestStatus.Approved or ServiceRequestStatus.Rejected => Permissions.ServiceRequestsApprove,
        _ => Permissions.ServiceRequestsProcess,
    };

    public async Task<ServiceRequest> HandleAsync(string reference, TransitionCommand command, CancellationToken cancellationToken)
    {
        var to = command.To ?? throw new ValidationFailedException("to", ServiceCentreErrors.Text("Request.ToRequired"));
        var request = await FindAsync(reference, cancellationToken);
        if (!user.HasPermission(PermissionFor(to)))
        {
            db.Audit.Record(new AuditEntry("service-request.transition", nameof(ServiceRequest), request.Reference, AuditOutcome.Denied, $"to {to}", request.UnitPath));
            await db.SaveChangesAsync(cancellationToken);
            throw new ForbiddenException(ServiceCentreErrors.Text("Request.RoleCannotMark", to));
        }

        var service = catalogue.Find(request.ServiceCode) ?? throw new RuleViolationException(ServiceCentreErrors.Text("Service.NoLongerOffered", request.ServiceCode));
        var actor = user.UserName ?? "system";
        var now = clock.Now;
        switch (to)
        {
            case ServiceRequestStatus.DocumentsChecked:
                var missing = await UploadSupportingDocumentHandler.MissingAsync(db, request, service, cancellationToken);
                if (missing.Count > 0)
                {
                    // Named by their titles in the reader's language, as the pack gives them; the field keeps the code.
                    var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
                    throw new ValidationFailedException($"documents.{missing[0].Code}",
                        ServiceCentreErrors.Text("Document.Missing", string.Join(", ", missing.Select(d => ServiceDefinition.Localised(d.Names, language)))));
                }

                request.MoveTo(to, actor, now, command.Reason);
                break;
            case ServiceRequestStatus.RecordChecked:
                request.MoveTo(to, actor, now, await RunRecordCheckAsync(request, service, cancellationToken));
                break;
            case ServiceRequestStatus.Issued:
                if (request.FeeAmount > 0 && !await IsPaidAsync(request, cancellationToken))
                {
                    throw new RuleViolationException(UnpaidFee(request));
                }

                request.MoveTo(to, actor, now, command.Reason);
                foreach (var issuer in issuers)
                {
                    await issuer.IssueAsync(request, service, cancellationToken);
                }

                break;
            default:
                request.MoveTo(to, actor, now, command.Reason);
                break;
        }

        notifications.StatusChanged(request, service);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    public async Task<ServiceRequest> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        return await db.Set<ServiceRequest>().Include(r => r.Steps)
            .FirstOrDefaultAsync(r => r.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", ServiceCentreErrors.Text("Request.NotInJurisdiction"));
    }

    private async Task<string> RunRecordCheckAsync(ServiceRequest request, ServiceDefinition service, CancellationToken cancellationToken)
    {
        if (service.Checks.Count == 0)
        {
            request.RecordCheckHit = false;
            request.RecordCheckSummary = ServiceCentreNotes.RecordCheckNotNeeded;
            return request.RecordCheckSummary;
        }

        var result = await recordCheck.CheckAsync(request.Applicant.NationalId, request.Applicant.Name, request.Applicant.ParentName, cancellationToken);
        request.RecordCheckHit = !result.IsClear;
        request.RecordCheckSummary = result.Summary.Length > 2000 ? result.Summary[..2000] : result.Summary;
        db.Audit.Record(new AuditEntry("records.check", nameof(ServiceRequest), request.Reference, Details: result.IsClear ? "clear" : $"{result.Hits.Count} hit(s)", UnitPath: request.UnitPath));
        return result.IsClear ? ServiceCentreNotes.RecordCheckClear : ServiceCentreNotes.RecordCheckHit;
    }

    /// <summary>The refusal says what to do next, on the console and over the API alike.</summary>
    internal static string UnpaidFee(ServiceRequest request) =>
        ServiceCentreErrors.Text("Fee.NotPaid", Money.Format(request.FeeAmount, request.FeeCurrency), request.Reference);

    private Task<bool> IsPaidAsync(ServiceRequest request, CancellationToken cancellationToken) =>
        db.Set<FeePayment>().AnyAsync(p => p.ServiceRequestId == request.Id, cancellationToken);
}

/// <summary>Produces what the citizen receives when a request is issued (a signed certificate, a receipt, a report).</summary>
public interface IServiceRequestIssuer
{
    Task IssueAsync(ServiceRequest request, ServiceDefinition service, CancellationToken cancellationToken);
}
