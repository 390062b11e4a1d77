using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.PoliceComplaints.AssignPoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.InquirePoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.ListPoliceComplaints;
using Nigehban.Web.Features.PoliceComplaints.SubmitPoliceComplaint;
using Nigehban.Web.Features.PoliceComplaints.TrackPoliceComplaint;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>Complaints against police (the force's complaint centre): intake, tracking, assignment, inquiry, closure.</summary>
public static class PoliceComplaintEndpoints
{
    public static IEndpointRouteBuilder MapPoliceComplaints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/police-complaints").WithTags("Complaints against police");
        group.MapPost("/", Submit).WithName("SubmitPoliceComplaint").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("A complaint against police: on the web by a citizen, or recorded by the centre's staff (phone, SMS, email). Honours Idempotency-Key.");
        group.MapGet("/", async (string? status, bool? overdue, int? page, int? pageSize, ListPoliceComplaintsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(status, overdue, page, pageSize, ct)))
            .WithName("ListPoliceComplaints").RequireAuthorization(Permissions.ConsoleAccess)
            .WithSummary("The centre: every complaint; an inquiring officer: those assigned to them. Paged; ?status=, ?overdue=true.");
        group.MapGet("/board", async (ListPoliceComplaintsHandler h, CancellationToken ct) => TypedResults.Ok(await h.BoardAsync(ct)))
            .WithName("GetPoliceComplaintBoard").RequireAuthorization(Permissions.PoliceComplaintsRecord)
            .WithSummary("The centre's board: open, overdue, open by type.");
        group.MapGet("/{reference}", async (string reference, ListPoliceComplaintsHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(reference, ct)))
            .WithName("GetPoliceComplaint").RequireAuthorization(Permissions.ConsoleAccess)
            .WithSummary("One complaint in full, for the centre and its inquiring officer (others: 404). An audited read.");
        group.MapGet("/{reference}/tracking", async (string reference, string? phone, TrackPoliceComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, TextFields.PhoneFromQuery(phone), Language, ct)))
            .WithName("TrackPoliceComplaint").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The complainant's view with ?phone= (the number given with the complaint); any mismatch is 404.");
        group.MapPost("/{reference}/satisfaction", async (string reference, SatisfactionCommand command, TrackPoliceComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.AnswerAsync(reference, command, Language, ct)))
            .WithName("AnswerPoliceComplaintSatisfaction").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("The complainant, after the reply: satisfied (closes it) or not (it stays open). Needs the phone given with the complaint.");
        group.MapPut("/{reference}/assignment", async (string reference, AssignPoliceComplaintCommand command, AssignPoliceComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, command, ct)))
            .WithName("AssignPoliceComplaint").RequireAuthorization(Permissions.PoliceComplaintsRecord)
            .WithSummary("Assigns the inquiry to an officer of the pack's inquiry rank serving outside the station complained about (409 otherwise).");
        group.MapPost("/{reference}/calls", async (string reference, LogCallCommand command, InquirePoliceComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.LogCallAsync(reference, command, ct)))
            .WithName("LogPoliceComplaintCall").RequireAuthorization(Permissions.PoliceComplaintsInquire)
            .WithSummary("The inquiring officer logs the call to the complainant (the first-call clock stops).");
        group.MapPut("/{reference}/reply", async (string reference, ReplyCommand command, InquirePoliceComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ReplyAsync(reference, command, ct)))
            .WithName("ReplyToPoliceComplaint").RequireAuthorization(Permissions.PoliceComplaintsInquire)
            .WithSummary("The inquiring officer's reply and finding (Substantiated, NotSubstantiated, ProvedFalse); the complainant gets an SMS.");
        group.MapPut("/{reference}/closure", async (string reference, CloseCommand command, InquirePoliceComplaintHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.CloseAsync(reference, command, ct)))
            .WithName("ClosePoliceComplaint").RequireAuthorization(Permissions.PoliceComplaintsInquire)
            .WithSummary("A senior officer closes the complaint with a reason.");
        return app;
    }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    internal static async Task<Created<SubmittedPoliceComplaint>> Submit(
        SubmitPoliceComplaintCommand command,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        SubmitPoliceComplaintHandler handler,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(command, idempotencyKey, cancellationToken);
        IdempotentRequest.TellIfReplayed(httpContext.Response, result.Replayed);

        return TypedResults.Created($"/api/v1/police-complaints/{result.Reference}/tracking", result);
    }
}
