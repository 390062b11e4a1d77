using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.RegisterTravellers;

/// <summary>
/// Transport terminals (issue 19, item 4; ADR-077): a station puts a terminal on its books and hands it a key;
/// the terminal's own routes (header <c>X-Terminal-Key</c>) register its travellers, one or a manifest.
/// </summary>
public static class TerminalEndpoints
{
    public static IEndpointRouteBuilder MapTerminals(this IEndpointRouteBuilder app)
    {
        var terminals = app.MapGroup("/api/v1/terminals").WithTags("Transport terminals");
        terminals.MapPost("/", async (RegisterRegistrarCommand command, RegistrarBooks<TransportTerminal> h, CancellationToken ct) =>
            {
                var terminal = await h.RegisterAsync(command, ct);
                return TypedResults.Created($"/api/v1/terminals/{terminal.Id}", terminal);
            })
            .WithName("RegisterTerminal").RequireAuthorization(Permissions.TerminalsManage)
            .WithSummary("Registers a bus or coach terminal with a station of your jurisdiction; the answer carries its API key, shown this once.");
        terminals.MapGet("/", async (string? unit, int? page, int? pageSize, RegistrarBooks<TransportTerminal> h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(unit, page, pageSize, ct)))
            .WithName("ListTerminals").RequireAuthorization(Permissions.TerminalsManage)
            .WithSummary("The transport terminals of your jurisdiction (?unit= narrows it), paged.");
        terminals.MapGet("/{id:guid}", async (Guid id, RegistrarBooks<TransportTerminal> h, CancellationToken ct) => TypedResults.Ok(await h.ReadAsync(id, ct)))
            .WithName("GetTerminal").RequireAuthorization(Permissions.TerminalsManage)
            .WithSummary("One terminal of your jurisdiction (404 outside it).");
        terminals.MapPost("/{id:guid}/keys", async (Guid id, RegistrarBooks<TransportTerminal> h, CancellationToken ct) =>
            {
                var terminal = await h.IssueKeyAsync(id, ct);
                return TypedResults.Created($"/api/v1/terminals/{terminal.Id}", terminal);
            })
            .WithName("IssueTerminalKey").RequireAuthorization(Permissions.TerminalsManage)
            .WithSummary("Issues the terminal a new API key (shown this once); its previous key stops working.");

        var terminal = app.MapGroup("/api/v1/terminal").WithTags("Transport terminal (signed in by its key)");
        terminal.MapPost("/travellers", async (TravellerCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                RegisterTravellersHandler h, HttpContext http, CancellationToken ct) =>
            {
                var traveller = await h.RegisterAsync(command, idempotencyKey, ct);
                IdempotentRequest.TellIfReplayed(http.Response, traveller.Replayed);

                return TypedResults.Created($"/api/v1/terminal/travellers?traveller={traveller.Id}", traveller);
            })
            .WithName("RegisterTraveller").RequireAuthorization(Permissions.TerminalTravellersRegister)
            .WithSummary("The terminal (header X-Terminal-Key) registers a traveller: name with national ID or father's name, phone, destination, "
                + "departure time, the coach's registration number. Honours Idempotency-Key.");
        terminal.MapPost("/travellers/batches", async (TravellerBatchCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                RegisterTravellersHandler h, CancellationToken ct) =>
                TypedResults.Created("/api/v1/terminal/travellers", await h.RegisterBatchAsync(command, idempotencyKey, ct)))
            .WithName("RegisterTravellerBatch").RequireAuthorization(Permissions.TerminalTravellersRegister)
            .WithSummary("A coach's manifest {travellers: [...]} (at most 500): all or none, each refusal named travellers[i].field; each traveller matched on arrival.");
        terminal.MapGet("/travellers", async (int? page, int? pageSize, RegisterTravellersHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(page, pageSize, ct)))
            .WithName("ListTerminalTravellers").RequireAuthorization(Permissions.TerminalTravellersRegister)
            .WithSummary("The terminal's own travellers, latest departure first, paged.");
        return app;
    }
}
