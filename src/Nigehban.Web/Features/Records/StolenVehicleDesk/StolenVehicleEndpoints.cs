using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.StolenVehicleDesk;

/// <summary>The stolen-vehicle desk's routes (issue 19): record, list and search, read, recover, hand over.</summary>
public static class StolenVehicleEndpoints
{
    public static IEndpointRouteBuilder MapStolenVehicles(this IEndpointRouteBuilder app)
    {
        var vehicles = app.MapGroup("/api/v1/stolen-vehicles").WithTags("Stolen vehicles");
        vehicles.MapPost("/", async (RecordStolenVehicleCommand command, StolenVehicleDeskHandler h, CancellationToken ct) =>
            {
                var vehicle = await h.RecordAsync(command, ct);
                return TypedResults.Created($"/api/v1/stolen-vehicles/{vehicle.Id}", vehicle);
            })
            .WithName("RecordStolenVehicle").RequireAuthorization(Permissions.StolenVehiclesRecord)
            .WithSummary("Records a vehicle stolen or snatched (loss: Theft or Snatching) at a station of your jurisdiction (unit; left out, your own); "
                + "from then on a registration naming its number raises an alert.");
        vehicles.MapGet("/", async (string? status, string? registration, string? unit, int? page, int? pageSize, StolenVehicleDeskHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(status, registration, unit, page, pageSize, ct)))
            .WithName("ListStolenVehicles").RequireAuthorization(Permissions.RecordsRead)
            .WithSummary("The stolen vehicles of your jurisdiction, latest first (?status=Open|Recovered|HandedOver, ?registration= however written, ?unit=), paged.");
        vehicles.MapGet("/{id:guid}", async (Guid id, StolenVehicleDeskHandler h, CancellationToken ct) => TypedResults.Ok(await h.ReadAsync(id, ct)))
            .WithName("GetStolenVehicle").RequireAuthorization(Permissions.RecordsRead)
            .WithSummary("One stolen vehicle of your jurisdiction (404 outside it).");
        vehicles.MapPost("/{id:guid}/recovery", async (Guid id, RecoverVehicleCommand command, StolenVehicleDeskHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.RecoverAsync(id, command, ct)))
            .WithName("RecoverStolenVehicle").RequireAuthorization(Permissions.StolenVehiclesRecord)
            .WithSummary("Records an open vehicle recovered {place, recoveredAt}; a vehicle already recovered or handed over: 409.");
        vehicles.MapPost("/{id:guid}/handover", async (Guid id, HandOverVehicleCommand command, StolenVehicleDeskHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandOverAsync(id, command, ct)))
            .WithName("HandOverStolenVehicle").RequireAuthorization(Permissions.StolenVehiclesRecord)
            .WithSummary("Records a recovered vehicle handed over to its owner {to, handedOverAt}; one not recovered, or already handed over: 409.");
        return app;
    }
}
