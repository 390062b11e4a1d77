using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.Protection.InChargeBoard;
using Nigehban.Web.Features.Protection.ListCases;
using Nigehban.Web.Features.Protection.OpenCase;
using Nigehban.Web.Features.Protection.PartnerReferrals;
using Nigehban.Web.Features.Protection.ReadCase;
using Nigehban.Web.Features.Protection.ReferCase;
using Nigehban.Web.Features.Protection.VirtualDesk;
using Nigehban.Web.Features.Protection.WorkCase;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection;

/// <summary>The pack's choices for a form, named in the reader's language.</summary>
public sealed record ProtectionChoices(
    IReadOnlyList<NamedChoice> Centres, IReadOnlyList<NamedChoice> Groups, IReadOnlyList<NamedChoice> Needs, IReadOnlyList<NamedChoice> Partners);

public sealed record NamedChoice(string Code, string Name);

/// <summary>Protection desks: cases (intake, reading, break-glass, work, closure), referrals and the partners' side.</summary>
public static class ProtectionEndpoints
{
    public static IEndpointRouteBuilder MapProtection(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/protection-choices", (ProtectionPack pack) =>
            {
                ProtectionAccess.EnsureOffered(pack);
                var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
                return TypedResults.Ok(new ProtectionChoices(
                    [.. pack.Centres.Select(c => new NamedChoice(c.UnitCode, c.NameIn(language)))],
                    [.. pack.Groups.Select(g => new NamedChoice(g.Code, g.NameIn(language)))],
                    [.. pack.Needs.Select(n => new NamedChoice(n.Code, n.NameIn(language)))],
                    [.. pack.Partners.Select(p => new NamedChoice(p.Code, p.NameIn(language)))]));
            })
            .WithTags("Protection").WithName("GetProtectionChoices").AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The protection centres, groups, needs and partner bodies of the pack, in the caller's language.");

        app.MapGet("/api/v1/protection-board", async (ProtectionBoardHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(ct)))
            .WithTags("Protection").WithName("GetProtectionBoard").RequireAuthorization(Permissions.CasesSupervise).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The centre in-charge's board: for each centre in your jurisdiction, open cases by status, follow-ups overdue, chats waiting and answered within target (counts only), late referrals and their escalations, break-glass reads. Never who a person is; an audited read.");

        var cases = app.MapGroup("/api/v1/protection-cases").WithTags("Protection");
        cases.MapPost("/", async (OpenCaseCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, OpenCaseHandler h, HttpContext http, CancellationToken ct) =>
            {
                var opened = await h.HandleAsync(command, ct, idempotencyKey);
                IdempotentRequest.TellIfReplayed(http.Response, opened.Replayed);

                return TypedResults.Created($"/api/v1/protection-cases/{opened.Reference}", opened);
            })
            .WithName("OpenProtectionCase").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Opens a case: at the desk by a protection officer (assigned to them), or online without an account (anonymous allowed: then only the contact is kept). Honours Idempotency-Key: the same key and request answer the first case again (Idempotent-Replayed: true); another request under the key is 422.");
        cases.MapGet("/", async (bool? mine, string? status, int? page, int? pageSize, ListCasesHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(mine, status, page, pageSize, ct)))
            .WithName("ListProtectionCases").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("The cases of your centres (?mine=true: assigned to you), newest first. Never carries who the person is.");
        cases.MapGet("/follow-ups", async (int? page, int? pageSize, ListCasesHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.FollowUpsDueAsync(page, pageSize, ct)))
            .WithName("ListProtectionFollowUpsDue").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Follow-ups not yet done on the cases you read, soonest first.");
        cases.MapGet("/referrals", async (bool? overdue, int? page, int? pageSize, ListCasesHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ReferralsPendingAsync(overdue, page, pageSize, ct)))
            .WithName("ListProtectionReferralsPending").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Referrals of your centres waiting for a partner's acknowledgement or outcome (?overdue=true: late ones).");
        cases.MapGet("/{reference}", async (string reference, ReadCaseHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(reference, ct)))
            .WithName("GetProtectionCase").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("One case (an audited read). Who the person is only for its assigned and granted officers; others see access Withheld.");
        cases.MapPost("/{reference}/break-glass", async (string reference, BreakGlassCommand command, ReadCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.BreakGlassAsync(reference, command, ct)))
            .WithName("BreakGlassProtectionCase").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Reads the case's protected fields without a grant: a reason is required; audited, and the centre's in-charge is alerted at once.");
        cases.MapGet("/{reference}/reads", async (string reference, int? page, int? pageSize, ReadCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ReadsAsync(reference, page, pageSize, ct)))
            .WithName("ListProtectionCaseReads").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Who read the case and how (its readers only), so that the person can be told.");
        cases.MapPut("/{reference}/assignment", async (string reference, OfficerCommand command, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.AssignAsync(reference, command, ct)))
            .WithName("AssignProtectionCase").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Takes an unheld case, or hands yours to another protection officer of the centre.");
        cases.MapPost("/{reference}/grants", async (string reference, OfficerCommand command, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.GrantAsync(reference, command, ct)))
            .WithName("GrantProtectionCase").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("The assigned officer lets another protection officer of the centre read the case.");
        cases.MapDelete("/{reference}/grants/{officer}", async (string reference, string officer, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.RevokeAsync(reference, officer, ct)))
            .WithName("RevokeProtectionCaseGrant").RequireAuthorization(Permissions.ConsoleAccess)
            .WithSummary("Takes a granted officer's access away: the assigned officer, or the centre's in-charge (who supervises the station); audited. Others: 403.");
        cases.MapPut("/{reference}/linked-record", async (string reference, LinkRecordCommand command, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.LinkAsync(reference, command, ct)))
            .WithName("LinkProtectionCaseRecord").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Links the station complaint or FIR that followed from the case (its reference; one that names none: 404 on linkedReference).");
        cases.MapPost("/{reference}/follow-ups", async (string reference, PlanFollowUpCommand command, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.PlanFollowUpAsync(reference, command, ct)))
            .WithName("PlanProtectionFollowUp").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Plans a visit or call (due at dueAt, or after the pack's interval).");
        cases.MapPut("/{reference}/follow-ups/{id:guid}", async (string reference, Guid id, CompleteFollowUpCommand command, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.CompleteFollowUpAsync(reference, id, command, ct)))
            .WithName("CompleteProtectionFollowUp").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Records a follow-up as done, with a note (sealed).");
        cases.MapPut("/{reference}/closure", async (string reference, CloseCaseCommand command, WorkCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.CloseAsync(reference, command, ct)))
            .WithName("CloseProtectionCase").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Closes the case with the person's own satisfaction.");
        cases.MapPost("/{reference}/referrals", async (string reference, ReferCaseCommand command, ReferCaseHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, command, ct)))
            .WithName("ReferProtectionCase").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Refers the case to a partner body for a need it meets, with the pack's acknowledgement and outcome clocks.");

        var referrals = app.MapGroup("/api/v1/protection-referrals").WithTags("Protection");
        referrals.MapGet("/", async (bool? open, int? page, int? pageSize, PartnerReferralsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(open, page, pageSize, ct)))
            .WithName("ListPartnerReferrals").RequireAuthorization(Permissions.ProtectionReferralsRespond)
            .WithSummary("A partner body's account: the referrals sent to its body (?open=true: without an outcome).");
        referrals.MapGet("/{id:guid}", async (Guid id, PartnerReferralsHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(id, ct)))
            .WithName("GetPartnerReferral").RequireAuthorization(Permissions.ProtectionReferralsRespond)
            .WithSummary("One referral sent to your body (an audited read); any other is 404.");
        referrals.MapPut("/{id:guid}/acknowledgement", async (Guid id, PartnerReferralsHandler h, CancellationToken ct) => TypedResults.Ok(await h.AcknowledgeAsync(id, ct)))
            .WithName("AcknowledgeProtectionReferral").RequireAuthorization(Permissions.ProtectionReferralsRespond)
            .WithSummary("The partner acknowledges the referral (its first clock stops).");
        referrals.MapPut("/{id:guid}/outcome", async (Guid id, ReportOutcomeCommand command, PartnerReferralsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ReportOutcomeAsync(id, command, ct)))
            .WithName("ReportProtectionReferralOutcome").RequireAuthorization(Permissions.ProtectionReferralsRespond)
            .WithSummary("The partner reports what it did (sealed; read by the case's officers).");
        app.MapPost("/api/v1/protection-partner-accounts", async (LinkPartnerAccountCommand command, PartnerReferralsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.LinkAsync(command, ct)))
            .WithTags("Protection").WithName("LinkProtectionPartnerAccount").RequireAuthorization(Permissions.StaffManage)
            .WithSummary("An administrator links a staff account holding the ProtectionPartner role to the partner body it works for.");
        app.MapVirtualDesk();
        return app;
    }
}
