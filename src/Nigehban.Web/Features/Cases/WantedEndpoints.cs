using Nigehban.Web.Features.Cases.CloseWarrant;
using Nigehban.Web.Features.Cases.IssueWarrant;
using Nigehban.Web.Features.Cases.ProclaimOffender;
using Nigehban.Web.Features.Cases.ReadWanted;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// Proclaimed offenders and warrants of an FIR (issue 17, item 3). Writing takes the case's
/// investigating officer or a supervisor of its station (the handlers check: 403 for anyone else
/// who can read it), as for the rest of case work (ADR-050, ADR-054).
/// </summary>
public static class WantedEndpoints
{
    public static IEndpointRouteBuilder MapWanted(this IEndpointRouteBuilder app)
    {
        var firs = app.MapGroup("/api/v1/firs/{reference}").WithTags("Proclaimed offenders and warrants");
        firs.MapGet("/wanted", async (string reference, ReadWantedHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(reference, ct)))
            .WithName("GetCaseWanted").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("The case's proclaimed offenders (wanted or arrested) and warrants, and whom a proclamation or warrant may name (audited).");
        firs.MapPost("/wanted-persons", async (string reference, ProclaimOffenderCommand command, ProclaimOffenderHandler h, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/firs/{reference}/wanted", await h.HandleAsync(reference, command, ct)))
            .WithName("ProclaimOffender").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records that a court proclaimed a named accused of the FIR an offender, on a date: he is wanted until arrested.");
        firs.MapPost("/warrants", async (string reference, IssueWarrantCommand command, IssueWarrantHandler h, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/firs/{reference}/wanted", await h.HandleAsync(reference, command, ct)))
            .WithName("IssueWarrant").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records an arrest warrant a court issued for a named person of the case; numbered 1, 2, 3 … within the FIR.");
        firs.MapPut("/warrants/{number:int}/execution", async (string reference, int number, ExecuteWarrantCommand command, CloseWarrantHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ExecuteAsync(reference, number, command, ct)))
            .WithName("ExecuteWarrant").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records that a warrant was executed, on a date, by an officer; a proclaimed offender it names is arrested. A closed warrant: 409.");
        firs.MapPut("/warrants/{number:int}/return", async (string reference, int number, ReturnWarrantCommand command, CloseWarrantHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ReturnAsync(reference, number, command, ct)))
            .WithName("ReturnWarrant").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Records that a warrant went back to the court unexecuted, with the reason. A closed warrant: 409.");

        app.MapGet("/api/v1/wanted-persons", async ([AsParameters] WantedQuery query, ReadWantedHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(query, ct)))
            .WithTags("Proclaimed offenders and warrants").WithName("ListWantedPersons").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("Proclaimed offenders of the caller's jurisdiction (?unit=), ?status=wanted (default) or arrested, most recently proclaimed first.");
        return app;
    }
}
