using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres.IssueSignedDocument;

/// <summary>Issues the signed document when a request reaches Issued, inside the same transaction.</summary>
public sealed class SignedDocumentIssuer(NigehbanDbContext db, DocumentSigner signer, ServiceRequestClock clock, CurrentUser user) : IServiceRequestIssuer
{
    public Task IssueAsync(ServiceRequest request, ServiceDefinition service, CancellationToken cancellationToken)
    {
        // Signed over the stored form of the time, so the signature survives PostgreSQL's round trip.
        var issuedAt = clock.Now.ToMicroseconds();
        var document = new IssuedDocument
        {
            Id = Guid.CreateVersion7(),
            Code = VerificationCode.New(),
            ServiceRequestId = request.Id,
            ServiceRequestReference = request.Reference,
            ServiceCode = service.Code,
            Kind = service.Output,
            HolderName = request.Applicant.Name,
            HolderParentName = request.Applicant.ParentName,
            HolderNationalId = request.Applicant.NationalId,
            IssuedAt = issuedAt,
            // The signed-in officer's, in the console's circuit too, where there is no HttpContext.
            IssuedBy = user.UserName ?? "system",
            Statement = StatementFor(request, service),
            Signature = string.Empty,
            UnitPath = request.UnitPath,
        };
        document.Signature = signer.Sign(document.SignedFields());
        db.Add(document);
        return Task.CompletedTask;
    }

    private static string StatementFor(ServiceRequest request, ServiceDefinition service) => service.Output switch
    {
        "certificate" when service.Checks.Contains("criminal-record") =>
            request.RecordCheckHit == true
                ? "Police records were checked. Matters on record were reviewed by the approving officer before issue."
                : "Police records were checked and nothing adverse was found against the holder.",
        "certificate" => $"The holder has been granted: {service.NameIn("en")}.",
        "receipt" => $"The application for {service.NameIn("en")} has been registered with the police.",
        "report" => $"The report for {service.NameIn("en")} has been recorded by the police.",
        _ => $"Issued for {service.NameIn("en")}.",
    };
}
