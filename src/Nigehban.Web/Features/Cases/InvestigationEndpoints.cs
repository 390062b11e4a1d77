using Nigehban.Web.Features.Cases.AssignInvestigatingOfficer;
using Nigehban.Web.Features.Cases.MoveFirStage;
using Nigehban.Web.Features.Cases.ReadInvestigation;
using Nigehban.Web.Features.Cases.RecordArrest;
using Nigehban.Web.Features.Cases.RecordCourtProduction;
using Nigehban.Web.Features.Cases.RecordRecovery;
using Nigehban.Web.Features.Cases.WriteCaseDiary;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// Investigation of an FIR (issue 17, item 2). Writing in a case takes its investigating officer or a
/// supervisor of its station (the handlers check: 403 for anyone else who can read it); handing it to
/// another officer takes a supervisor.
/// </summary>
public static class InvestigationEndpoints
{
    public static IEndpointRouteBuilder MapInvestigation(this IEndpointRouteBuilder app)
    {
        var firs = app.MapGroup("/api/v1/firs/{reference}").WithTags("Investigations");
        firs.MapGet("/investigation", async (string reference, ReadInvestigationHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(reference, ct)))
            .WithName("GetInvestigation").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("The case work of one FIR: stage and its deadline, investigating officer, diary, arrests, recoveries and history (audited).");
        firs.MapPut("/investigating-officer", async (string reference, AssignInvestigatingOfficerCommand command, AssignInvestigatingOfficerHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, command, ct)))
            .WithName("AssignInvestigatingOfficer").RequireAuthorization(Permissions.CasesSupervise)
            .WithSummary("Hands the case to another officer of the FIR's station, with a reason (audited); an officer elsewhere is refused.");
        firs.MapPost("/diary", async (string reference, WriteCaseDiaryCommand command, WriteCaseDiaryHandler h, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/firs/{reference}/investigation", await h.HandleAsync(reference, command, ct)))
            .WithName("WriteCaseDiary").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Appends a case-diary entry (the IO's or a supervisor's), time-stamped by the server; entries are never edited.");
        firs.MapPost("/arrests", async (string reference, RecordArrestCommand command, RecordArrestHandler h, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/firs/{reference}/investigation", await h.HandleAsync(reference, command, ct)))
            .WithName("RecordArrest").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records an arrest of a named person, with custody start and the time by which the pack's law wants them in court.");
        firs.MapPut("/arrests/{id:guid}/production", async (string reference, Guid id, RecordCourtProductionCommand command, RecordCourtProductionHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, id, command, ct)))
            .WithName("RecordCourtProduction").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records when an arrested person was produced in court: the custody clock stops (once; again: 409).");
        firs.MapPost("/recoveries", async (string reference, RecordRecoveryCommand command, RecordRecoveryHandler h, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/firs/{reference}/investigation", await h.HandleAsync(reference, command, ct)))
            .WithName("RecordRecovery").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records a recovery: property, weapon, vehicle, or narcotics with quantity and unit.");
        firs.MapPut("/stage", async (string reference, MoveFirStageCommand command, MoveFirStageHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(reference, command, ct)))
            .WithName("MoveFirStage").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Moves the case to its next stage (challan submitted, untraced, cancelled; convicted or acquitted after a challan); an illegal move is 409.");

        var cases = app.MapGroup("/api/v1/investigations").WithTags("Investigations");
        cases.MapGet("/", async ([AsParameters] CaseQuery query, ReadInvestigationHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(query, ct)))
            .WithName("ListInvestigations").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Cases of the caller's jurisdiction (?mine=true: the caller's own; ?stage=; ?unit=), overdue first.");
        cases.MapGet("/stages", async (string? unit, ReadInvestigationHandler h, CancellationToken ct) => TypedResults.Ok(await h.StagesAsync(unit, ct)))
            .WithName("CountInvestigationsByStage").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("How many cases of the caller's jurisdiction (or ?unit=) stand at each stage, and how many of them are overdue.");
        cases.MapGet("/stations", async (string? unit, ReadInvestigationHandler h, CancellationToken ct) => TypedResults.Ok(await h.StationsAsync(unit, ct)))
            .WithName("CountInvestigationsByStation").RequireAuthorization(Permissions.CasesSupervise)
            .WithSummary("The district board: each station of the caller's jurisdiction (or ?unit=) with its cases by stage, the overdue, detection % and challans within deadline %.");
        return app;
    }
}
