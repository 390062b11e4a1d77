using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.ServiceCentres.CallNextToken;
using Nigehban.Web.Features.ServiceCentres.IssueToken;
using Nigehban.Web.Features.ServiceCentres.ListTodaysTokens;
using Nigehban.Web.Features.ServiceCentres.ReadQueueScreen;
using Nigehban.Web.Features.ServiceCentres.RenderIssuedDocument;
using Nigehban.Web.Features.ServiceCentres.ServeToken;
using Nigehban.Web.Features.ServiceCentres.SetCounter;
using Nigehban.Web.Features.ServiceCentres.VerifyIssuedDocument;
using Nigehban.Web.Features.ServiceCentres.WatchQueueScreen;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record MoneyView(decimal Amount, string Currency);

public sealed record ServiceView(string Code, string Name, MoneyView Fee, string Sla, string Agency, IReadOnlyList<string> Channels, IReadOnlyList<RequiredDocumentView> RequiredDocuments);

public sealed record RequiredDocumentView(string Code, string Name);

/// <summary>Citizen service centres: the service catalogue, applications, tracking and processing.</summary>
public static class ServiceCentreEndpoints
{
    public static IEndpointRouteBuilder MapServiceCentres(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/v1/services").WithTags("Services");
        services.MapGet("/", ListServices).WithName("ListServices").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The force's service catalogue in the caller's language (Accept-Language).");

        var requests = app.MapGroup("/api/v1/service-requests").WithTags("Service requests");
        requests.MapPost("/", Submit).WithName("SubmitServiceRequest").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Applies for a service online (citizen) or at a counter (staff). Honours Idempotency-Key.");
        requests.MapGet("/{reference}", Get).WithName("GetServiceRequest").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Citizens: status and timeline with ?nationalId=. Staff with service-requests.read: the whole application.");
        requests.MapPost("/{reference}/rating", async (string reference, RateServiceRequest.RateServiceRequestCommand command, RateServiceRequest.RateServiceRequestHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, command, ct)))
            .WithName("RateServiceRequest").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The applicant rates a delivered application once, 1 (poor) to 5 (very good), with the national ID that tracks it.");
        requests.MapGet("/statistics", async (string? unit, DateOnly? from, DateOnly? to, ServiceDeliveryStatisticsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(unit, from, to, ct)))
            .WithName("GetServiceDeliveryStatistics").RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("Received, delivered, overdue and breached applications by service, with turnaround and counter times, for a unit and period.");
        requests.MapGet("/", List).WithName("ListServiceRequests").RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("The application queue of the caller's jurisdiction, filtered and paged.");
        // Each step needs its own permission (the desk's steps service-requests.process, approval and rejection
        // service-requests.approve, ADR-037): the handler checks it, once the record is known to be in scope.
        requests.MapPost("/{reference}/transitions", Transition).WithName("TransitionServiceRequest").RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("Moves an application to its next status (checks and issue need service-requests.process; approval and rejection service-requests.approve).");
        requests.MapPost("/{reference}/payments", Pay).WithName("RecordFeePayment").RequireAuthorization(Permissions.ServiceRequestsProcess)
            .WithSummary("Records the fee: counter cash or a bank / mobile-money reference.");
        requests.MapPost("/{reference}/documents", Upload).WithName("UploadSupportingDocument").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .DisableAntiforgery().WithBodyLimit(SupportingDocumentLimits.CeilingBytes + 64 * 1024)
            .WithSummary("Uploads a required document (multipart: file, documentCode; citizens add nationalId). PDF, JPEG or PNG, 5 MB at most.");
        requests.MapGet("/{reference}/documents/{id:guid}", OpenSupportingDocument).WithName("GetSupportingDocument").RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("Staff: an uploaded document as supplied (PDF, JPEG or PNG, the type checked from its content), shown inline. An audited read.").Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png");
        requests.MapGet("/{reference}/document", Download).WithName("DownloadIssuedDocument").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The issued certificate, receipt or report as PDF (citizens add ?nationalId=, or the portal's short-lived ?ticket=).").Produces<Stream>(StatusCodes.Status200OK, "application/pdf");
        app.MapGet("/api/v1/certificates/{code}/verification", Verify).WithName("VerifyCertificate").WithTags("Certificates")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Says whether a document code is valid, revoked, unknown or forged (a forged one shows nothing of the real document); ?s= is the signature from the QR code. Input that is not a code: 400.");

        var centres = app.MapGroup("/api/v1/centres/{unit}").WithTags("Service centre queue");
        centres.MapGet("/queue", async (string unit, ReadQueueScreenHandler h, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(unit, ct)))
            .WithName("GetQueueScreen").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The waiting-hall screen: waiting tokens and what each counter is serving. No personal data.");
        centres.MapGet("/queue/events", async (string unit, WatchQueueScreenHandler h, ReadQueueScreenHandler queue, CancellationToken ct) =>
            {
                // An unknown centre is a 404 before the stream starts, not an empty stream.
                await queue.HandleAsync(unit, ct);
                return TypedResults.ServerSentEvents(h.WatchAsync(unit, ct));
            })
            .WithName("WatchQueueScreen").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The waiting-hall screen as server-sent events (text/event-stream): event 'queue' with the screen now and at every change.");
        centres.MapGet("/tokens", async (string unit, ListTodaysTokensHandler h, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(unit, ct)))
            .WithName("ListQueueTokens").RequireAuthorization(Permissions.ServiceRequestsRead);
        centres.MapPost("/tokens", async (string unit, IssueTokenCommand command, IssueTokenHandler h, CancellationToken ct) =>
            {
                var token = await h.HandleAsync(unit, command, ct);
                return TypedResults.Created($"/api/v1/centres/{unit}/tokens/{token.Id}", token);
            })
            .WithName("IssueQueueToken").RequireAuthorization(Permissions.ServiceRequestsCreate)
            .WithSummary("Issues the next token to a citizen on arrival.");
        centres.MapPost("/counters/{number:int}/calls", async Task<Results<Ok<TokenView>, NoContent>> (string unit, int number, CallNextTokenHandler h, CancellationToken ct) =>
                await h.HandleAsync(unit, number, ct) is { } token ? TypedResults.Ok(token) : TypedResults.NoContent())
            .WithName("CallNextQueueToken").RequireAuthorization(Permissions.ServiceRequestsProcess)
            .WithSummary("Calls the longest-waiting token to this counter (204 when nobody is waiting).");
        centres.MapPost("/tokens/{id:guid}/service", async (string unit, Guid id, ServeTokenCommand command, ServeTokenHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(unit, id, command, ct)))
            .WithName("ServeQueueToken").RequireAuthorization(Permissions.ServiceRequestsProcess)
            .WithSummary("Marks a called token served (optionally with the application reference taken) or a no-show.");
        centres.MapPut("/counters/{number:int}", async (string unit, int number, SetCounterCommand command, SetCounterHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(unit, number, command, ct)))
            .WithName("SetCounter").RequireAuthorization(Permissions.ServiceRequestsApprove)
            .WithSummary("Sets up, renames, opens or closes a counter (centre in-charge).");
        return app;
    }

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    internal static Ok<ServiceView[]> ListServices(ServiceCatalogue catalogue) =>
        TypedResults.Ok(catalogue.All.Select(s => new ServiceView(
            s.Code, s.NameIn(Language), new MoneyView(s.Fee, catalogue.Currency), s.Sla, s.Agency, s.Channels,
            [.. s.RequiredDocuments.Select(d => new RequiredDocumentView(d.Code, ServiceDefinition.Localised(d.Names, Language)))])).ToArray());

    internal static async Task<Created<SubmittedServiceRequest>> Submit(
        SubmitServiceRequestCommand command,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        SubmitServiceRequestHandler handler,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(command, idempotencyKey, cancellationToken);
        IdempotentRequest.TellIfReplayed(httpContext.Response, result.Replayed);

        return TypedResults.Created($"/api/v1/service-requests/{result.Reference}", result);
    }

    internal static async Task<Results<Ok<ServiceRequestStatusView>, Ok<ServiceRequestDetail>>> Get(
        string reference, string? nationalId, CurrentUser user, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(nationalId))
        {
            return TypedResults.Ok(await services.GetRequiredService<TrackServiceRequestHandler>().HandleAsync(reference, nationalId, Language, cancellationToken));
        }

        if (!user.HasPermission(Permissions.ServiceRequestsRead))
        {
            throw new ValidationFailedException("nationalId", ServiceCentreErrors.Text("Track.NationalIdRequired"));
        }

        return TypedResults.Ok(await services.GetRequiredService<GetServiceRequestHandler>().HandleAsync(reference, Language, cancellationToken));
    }

    internal static async Task<Ok<PagedList<ServiceRequestRow>>> List(
        [AsParameters] ServiceRequestQuery query, ListServiceRequestsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.ListAsync(query, cancellationToken));

    internal static async Task<Ok<ServiceRequestDetail>> Transition(
        string reference, TransitionCommand command, ProcessServiceRequestHandler handler, GetServiceRequestHandler reader, CancellationToken cancellationToken)
    {
        var request = await handler.HandleAsync(reference, command, cancellationToken);
        return TypedResults.Ok(await reader.HandleAsync(request.Reference, Language, cancellationToken));
    }

    internal static async Task<Created<SupportingDocumentView>> Upload(
        string reference, IFormFile? file, [FromForm] string? documentCode, [FromForm] string? nationalId,
        CurrentUser user, UploadSupportingDocumentHandler handler, CancellationToken cancellationToken)
    {
        var view = await handler.HandleAsync(reference, CitizenKey(nationalId, user), documentCode, file, cancellationToken);
        return TypedResults.Created($"/api/v1/service-requests/{reference}/documents/{view.Id}", view);
    }

    internal static async Task<FileContentHttpResult> Download(
        string reference, string? nationalId, string? ticket, CurrentUser user, CertificateDownloadTickets tickets, RenderIssuedDocumentHandler handler, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(ticket))
        {
            nationalId = tickets.NationalIdFor(reference, ticket)
                ?? throw new NotFoundException("ticket", ServiceCentreErrors.Text("Download.Expired"));
        }

        var (pdf, fileName) = await handler.HandleAsync(reference, CitizenKey(nationalId, user), cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    internal static async Task<FileContentHttpResult> OpenSupportingDocument(
        string reference, Guid id, HttpContext context, OpenSupportingDocumentHandler handler, CancellationToken cancellationToken)
    {
        var file = await handler.HandleAsync(reference, id, cancellationToken);
        // Inline, so the browser shows it in a tab; the name is kept for saving.
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(file.Content, file.ContentType);
    }

    internal static async Task<Ok<DocumentVerification>> Verify(string code, string? s, VerifyDocumentHandler handler, CancellationToken cancellationToken)
    {
        var verification = await handler.HandleAsync(code, s, Language, cancellationToken);
        return verification.Status == VerificationStatus.NotACode
            ? throw new ValidationFailedException("code", verification.Message)
            : TypedResults.Ok(verification);
    }

    /// <summary>Citizens identify themselves with their national ID; staff with the read permission use their jurisdiction.</summary>
    private static string? CitizenKey(string? nationalId, CurrentUser user) =>
        !string.IsNullOrWhiteSpace(nationalId) ? nationalId
        : user.HasPermission(Permissions.ServiceRequestsRead) ? null
        : throw new ValidationFailedException("nationalId", ServiceCentreErrors.Text("NationalId.Required"));

    internal static async Task<Created<PaymentReceipt>> Pay(
        string reference, RecordPaymentCommand command, RecordFeePaymentHandler handler, CancellationToken cancellationToken)
    {
        var receipt = await handler.HandleAsync(reference, command, cancellationToken);
        return TypedResults.Created($"/api/v1/service-requests/{receipt.Reference}/payments/{receipt.PaymentId}", receipt);
    }
}
