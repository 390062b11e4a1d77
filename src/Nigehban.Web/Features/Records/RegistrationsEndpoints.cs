using System.Text;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.Records.AlertInbox;
using Nigehban.Web.Features.Records.RegisterEmployee;
using Nigehban.Web.Features.Records.RegisterGuests;
using Nigehban.Web.Features.Records.RegisterTenant;
using Nigehban.Web.Features.Records.RegisterTravellers;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Features.Records.StolenVehicleDesk;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Registrations (issue 19, item 4): hotels registered with their station, the hotel's own routes
/// (signed in by its key, header <c>X-Hotel-Key</c>), and the station's inbox of the alerts they raise.
/// </summary>
public static class RegistrationsEndpoints
{
    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder app)
    {
        var hotels = app.MapGroup("/api/v1/hotels").WithTags("Hotels");
        hotels.MapPost("/", async (RegisterRegistrarCommand command, RegistrarBooks<Hotel> h, CancellationToken ct) =>
            {
                var hotel = await h.RegisterAsync(command, ct);
                return TypedResults.Created($"/api/v1/hotels/{hotel.Id}", hotel);
            })
            .WithName("RegisterHotel").RequireAuthorization(Permissions.HotelsManage)
            .WithSummary("Registers a hotel or guest house with a station of your jurisdiction; the answer carries its API key, shown this once.");
        hotels.MapGet("/", async (string? unit, int? page, int? pageSize, RegistrarBooks<Hotel> h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(unit, page, pageSize, ct)))
            .WithName("ListHotels").RequireAuthorization(Permissions.HotelsManage)
            .WithSummary("The hotels of your jurisdiction (?unit= narrows it), paged.");
        hotels.MapGet("/{id:guid}", async (Guid id, RegistrarBooks<Hotel> h, CancellationToken ct) => TypedResults.Ok(await h.ReadAsync(id, ct)))
            .WithName("GetHotel").RequireAuthorization(Permissions.HotelsManage)
            .WithSummary("One hotel of your jurisdiction (404 outside it).");
        hotels.MapPost("/{id:guid}/keys", async (Guid id, RegistrarBooks<Hotel> h, CancellationToken ct) =>
            {
                var hotel = await h.IssueKeyAsync(id, ct);
                return TypedResults.Created($"/api/v1/hotels/{hotel.Id}", hotel);
            })
            .WithName("IssueHotelKey").RequireAuthorization(Permissions.HotelsManage)
            .WithSummary("Issues the hotel a new API key (shown this once); its previous key stops working.");

        var hotel = app.MapGroup("/api/v1/hotel").WithTags("Hotel (signed in by its key)");
        hotel.MapPost("/guests", async (CheckInCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                RegisterGuestsHandler h, HttpContext http, CancellationToken ct) =>
            {
                var stay = await h.CheckInAsync(command, idempotencyKey, ct);
                IdempotentRequest.TellIfReplayed(http.Response, stay.Replayed);

                return TypedResults.Created($"/api/v1/hotel/guests?stay={stay.Id}", stay);
            })
            .WithName("CheckInGuest").RequireAuthorization(Permissions.HotelGuestsRegister)
            .WithSummary("The hotel (header X-Hotel-Key) registers a guest at check-in: national ID (or a passport), name, father's name, room, time. "
                + "Honours Idempotency-Key.");
        hotel.MapPost("/departures", async (CheckOutCommand command, RegisterGuestsHandler h, CancellationToken ct) => TypedResults.Ok(await h.CheckOutAsync(command, ct)))
            .WithName("CheckOutGuest").RequireAuthorization(Permissions.HotelGuestsRegister)
            .WithSummary("The hotel records a guest's check-out {stay, checkedOutAt}: a stay of its own (404 otherwise), once (409), not before check-in (400).");
        hotel.MapGet("/guests", async (bool? inHouse, int? page, int? pageSize, RegisterGuestsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(inHouse, page, pageSize, ct)))
            .WithName("ListHotelGuests").RequireAuthorization(Permissions.HotelGuestsRegister)
            .WithSummary("The hotel's own guests, newest first (?inHouse=true: not checked out), paged.");
        hotel.MapPost("/guests/uploads", async ([FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpRequest request,
                UploadGuestsHandler h, CancellationToken ct) =>
            {
                // Read whole (within the request size limit) first: the CSV reader reads synchronously.
                using var body = new StreamReader(request.Body, Encoding.UTF8);
                using var reader = new StringReader(await body.ReadToEndAsync(ct));
                var result = await h.HandleAsync(reader, idempotencyKey, ct);
                return TypedResults.Created("/api/v1/hotel/guests", result);
            })
            .Accepts<string>("text/csv")
            .WithName("UploadHotelGuests").RequireAuthorization(Permissions.HotelGuestsRegister)
            .WithSummary("A small hotel's register as CSV (text/csv; header guestName,fatherName,nationalId,passport,nationality,phone,room,checkedInAt,checkedOutAt[,vehicleRegistration]): "
                + "all rows or none; every bad cell named by its line.");

        app.MapPost("/api/v1/tenants", async (RegisterTenantCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                RegisterTenantHandler h, HttpContext http, CancellationToken ct) =>
            {
                var tenant = await h.HandleAsync(command, idempotencyKey, ct);
                IdempotentRequest.TellIfReplayed(http.Response, tenant.Replayed);

                return TypedResults.Created("/api/v1/tenants", tenant);
            })
            .WithTags("Tenants").WithName("RegisterTenant").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Registers a tenant with the station of the let property: a landlord online at any hour, or a front desk (a station of its jurisdiction). "
                + "Marked late after the pack's time from moving in. Honours Idempotency-Key.");

        app.MapPost("/api/v1/employees", async (RegisterEmployeeCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                RegisterEmployeeHandler h, HttpContext http, CancellationToken ct) =>
            {
                var employee = await h.HandleAsync(command, idempotencyKey, ct);
                IdempotentRequest.TellIfReplayed(http.Response, employee.Replayed);

                return TypedResults.Created("/api/v1/employees", employee);
            })
            .WithTags("Employees").WithName("RegisterEmployee").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .WithSummary("Registers an employee or domestic servant (kind: Employee or DomesticServant) with the station of the workplace: an employer online "
                + "at any hour, or a front desk (a station of its jurisdiction). Honours Idempotency-Key.");

        var alerts = app.MapGroup("/api/v1/registration-alerts").WithTags("Registration alerts");
        alerts.MapGet("/", async (bool? open, string? unit, bool? escalated, int? page, int? pageSize, AlertInboxHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(open, unit, escalated, page, pageSize, ct)))
            .WithName("ListRegistrationAlerts").RequireAuthorization(Permissions.RegistrationAlertsHandle)
            .WithSummary("The station's alert inbox: alerts raised by registrations of wanted persons in your jurisdiction, open first (?open=, ?unit=, ?escalated=: escalated to the next unit up after the deadline), paged.");
        alerts.MapGet("/{id:guid}", async (Guid id, AlertInboxHandler h, CancellationToken ct) => TypedResults.Ok(await h.ReadAsync(id, ct)))
            .WithName("GetRegistrationAlert").RequireAuthorization(Permissions.RegistrationAlertsHandle)
            .WithSummary("One alert in full: the person as registered, the entries matched and why, its deadline and acknowledgement (audited).");
        alerts.MapPost("/{id:guid}/acknowledgement", async (Guid id, AcknowledgeAlertCommand command, AlertInboxHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.AcknowledgeAsync(id, command, ct)))
            .WithName("AcknowledgeRegistrationAlert").RequireAuthorization(Permissions.RegistrationAlertsHandle)
            .WithSummary("Acknowledges an alert, once (again: 409), with an optional note; after its deadline it stays counted as overdue.");
        app.MapTerminals();
        return app.MapStolenVehicles();
    }
}
