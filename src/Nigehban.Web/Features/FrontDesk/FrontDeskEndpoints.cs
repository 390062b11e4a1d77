using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.FrontDesk.AssignInquiryOfficer;
using Nigehban.Web.Features.FrontDesk.ComplaintReceipt;
using Nigehban.Web.Features.FrontDesk.DisposeComplaint;
using Nigehban.Web.Features.FrontDesk.FileComplaint;
using Nigehban.Web.Features.FrontDesk.RateByReply;
using Nigehban.Web.Features.FrontDesk.RateComplaint;
using Nigehban.Web.Features.FrontDesk.ReadComplaints;
using Nigehban.Web.Features.FrontDesk.StartInquiry;
using Nigehban.Web.Features.FrontDesk.TrackComplaint;
using Nigehban.Web.Features.FrontDesk.TransferComplaint;
using Nigehban.Web.Features.FrontDesk.VisitorLog;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk;

public sealed record DeskChoiceView(string Code, string Name);

public sealed record FrontDeskCatalogue(string ReferencePrefix, IReadOnlyList<DeskChoiceView> Categories, IReadOnlyList<DeskChoiceView> VisitorPurposes);

/// <summary>The police-station front desk: complaints at stations and the visitor log (issue 16).</summary>
public static class FrontDeskEndpoints
{
    public static IEndpointRouteBuilder MapFrontDesk(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints").WithTags("Complaints at stations");
        complaints.MapGet("/categories", Catalogue).WithName("GetComplaintCatalogue").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The force's complaint categories and visitor purposes in the caller's language.");
        complaints.MapPost("/", File).WithName("FileComplaint").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Files a complaint online (citizen) or at a station's front desk (staff) with a station or a district's complaint cell. Honours Idempotency-Key.");
        complaints.MapGet("/{reference}", Get).WithName("GetComplaint").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Citizens: status, timeline, officer and due date with ?phone=. Staff with front-desk.read: the whole complaint (audited).");
        complaints.MapGet("/", async ([AsParameters] ComplaintQuery query, ReadComplaintsHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(query, ct)))
            .WithName("ListComplaints").RequireAuthorization(Permissions.FrontDeskRead)
            .WithSummary("The complaints of the caller's jurisdiction, overdue first; ?mine=true for an inquiry officer's own.");
        complaints.MapPost("/{reference}/assignment", async (string reference, AssignInquiryOfficerCommand command, AssignInquiryOfficerHandler h, ReadComplaintsHandler reader, CancellationToken ct) =>
            {
                await h.HandleAsync(reference, command, ct);
                return TypedResults.Ok(await reader.GetAsync(reference, Language, ct));
            })
            .WithName("AssignInquiryOfficer").RequireAuthorization(Permissions.CasesSupervise)
            .WithSummary("Names the inquiry officer (SHO); the complainant gets the officer's name and phone by SMS.");
        complaints.MapPost("/{reference}/inquiry", async (string reference, StartInquiryHandler h, ReadComplaintsHandler reader, CancellationToken ct) =>
            {
                await h.HandleAsync(reference, ct);
                return TypedResults.Ok(await reader.GetAsync(reference, Language, ct));
            })
            .WithName("StartComplaintInquiry").RequireAuthorization(Permissions.FrontDeskRead)
            .WithSummary("The assigned officer (or a supervisor) opens the inquiry; not yet assigned: 409.");
        complaints.MapPost("/{reference}/disposal", async (string reference, DisposeComplaintCommand command, DisposeComplaintHandler h, ReadComplaintsHandler reader, CancellationToken ct) =>
            {
                await h.HandleAsync(reference, command, ct);
                return TypedResults.Ok(await reader.GetAsync(reference, Language, ct));
            })
            .WithName("DisposeComplaint").RequireAuthorization(Permissions.FrontDeskRead)
            .WithSummary("Ends the inquiry: FirRegistered, Resolved, Referred (note: the department) or Filed (note: the reason). Not under inquiry: 409.");
        complaints.MapPost("/{reference}/transfers", async (string reference, TransferComplaintCommand command, TransferComplaintHandler h, CancellationToken ct) =>
            {
                var complaint = await h.HandleAsync(reference, command, ct);
                return TypedResults.Ok(new ComplaintTransferred(complaint.Reference, complaint.UnitCode, complaint.Status, complaint.StageDueAt));
            })
            .WithName("TransferComplaint").RequireAuthorization(Permissions.CasesSupervise)
            .WithSummary("Routes a district's complaint to a station, or moves one to another station of its district; the reference stays.");
        complaints.MapPost("/{reference}/rating", async (string reference, RateComplaintCommand command, RateComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, command, ct)))
            .WithName("RateComplaint").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The complainant rates the outcome (1-5 and a comment) with the reference and phone, once, after disposal (before: 409).");
        complaints.MapPost("/rating-replies", async (InboundSms sms, RateByReplyHandler h, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(sms, ct)))
            .WithName("RateComplaintByReply").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The SMS gateway's hand-over of a complainant's reply \"CODE SCORE [comment]\" (from: the sender's number): rates the disposed complaint the code belongs to, once. Wrong shape: 400 on text; unknown or used code: 404.");
        complaints.MapGet("/{reference}/receipt", Receipt).WithName("GetComplaintReceipt").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The complaint's receipt as PDF with a QR code the verify page checks: citizens add ?phone= (or the portal's short-lived ?ticket=); staff with front-desk.read print it for their jurisdiction (audited).")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf");

        var visits = app.MapGroup("/api/v1/stations/{unit}/visits").WithTags("Visitor log");
        visits.MapGet("/", async (string unit, DateOnly? day, int? page, int? pageSize, VisitorLogHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.DayAsync(unit, day, page, pageSize, ct)))
            .WithName("GetVisitorDay").RequireAuthorization(Permissions.FrontDeskRead)
            .WithSummary("A station's day at the desk (force-local ?day=yyyy-MM-dd, default today): visitors by purpose, still inside, and the log, paged.");
        visits.MapPost("/", async (string unit, LogVisitCommand command, VisitorLogHandler h, CancellationToken ct) =>
            {
                var visit = await h.LogAsync(unit, command, ct);
                return TypedResults.Created($"/api/v1/stations/{visit.UnitCode}/visits/{visit.Id}", visit);
            })
            .WithName("LogVisit").RequireAuthorization(Permissions.ComplaintsRegister)
            .WithSummary("Logs a visitor: name, optional phone, purpose (from the pack), whom they saw, arrival.");
        visits.MapPost("/{id:guid}/departure", async (string unit, Guid id, VisitorLogHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.DepartAsync(unit, id, ct)))
            .WithName("RecordVisitDeparture").RequireAuthorization(Permissions.ComplaintsRegister)
            .WithSummary("Records that the visitor left (once: again is 409).");
        return app;
    }

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    internal static Ok<FrontDeskCatalogue> Catalogue(FrontDeskPack pack) =>
        TypedResults.Ok(new FrontDeskCatalogue(
            pack.ReferencePrefix,
            [.. pack.Categories.Select(c => new DeskChoiceView(c.Code, c.NameIn(Language)))],
            [.. pack.VisitorPurposes.Select(c => new DeskChoiceView(c.Code, c.NameIn(Language)))]));

    internal static async Task<Created<FiledComplaint>> File(
        FileComplaintCommand command,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        FileComplaintHandler handler,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(command, idempotencyKey, cancellationToken);
        IdempotentRequest.TellIfReplayed(httpContext.Response, result.Replayed);

        return TypedResults.Created($"/api/v1/complaints/{result.Reference}", result);
    }

    internal static async Task<FileContentHttpResult> Receipt(
        string reference, string? phone, string? ticket, CurrentUser user, ReceiptTickets tickets, ComplaintReceiptHandler handler, CancellationToken cancellationToken)
    {
        phone = TextFields.PhoneFromQuery(phone);
        if (!string.IsNullOrWhiteSpace(ticket))
        {
            phone = tickets.PhoneFor(reference, ticket) ?? throw new NotFoundException("ticket", "This receipt link has expired: track the complaint again to get a new one.");
        }
        else if (string.IsNullOrWhiteSpace(phone) && !user.HasPermission(Permissions.FrontDeskRead))
        {
            throw new ValidationFailedException("phone", "phone is required to open a complaint's receipt.");
        }

        var (pdf, fileName) = await handler.RenderAsync(reference, string.IsNullOrWhiteSpace(phone) ? null : phone, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    internal static async Task<Results<Ok<ComplaintStatusView>, Ok<ComplaintDetail>>> Get(
        string reference, string? phone, CurrentUser user, IServiceProvider services, CancellationToken cancellationToken)
    {
        phone = TextFields.PhoneFromQuery(phone);
        if (!string.IsNullOrWhiteSpace(phone))
        {
            return TypedResults.Ok(await services.GetRequiredService<TrackComplaintHandler>().HandleAsync(reference, phone, Language, cancellationToken));
        }

        if (!user.HasPermission(Permissions.FrontDeskRead))
        {
            throw new ValidationFailedException("phone", "phone is required to track a complaint.");
        }

        return TypedResults.Ok(await services.GetRequiredService<ReadComplaintsHandler>().GetAsync(reference, Language, cancellationToken));
    }
}

public sealed record ComplaintTransferred(string Reference, string Unit, ComplaintStatus Status, DateTimeOffset DueAt);
