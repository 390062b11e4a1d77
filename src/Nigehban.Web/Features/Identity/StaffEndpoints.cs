using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

/// <summary>The administrator API for staff accounts; every route needs <see cref="Permissions.StaffManage"/>.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffAdministration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff").WithTags("Staff").RequireAuthorization(Permissions.StaffManage);
        group.MapGet("/", async (ManageStaffHandler handler, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(search, page ?? 1, pageSize ?? PagedList<StaffSummary>.DefaultPageSize, ct)))
            .WithName("ListStaff")
            .WithSummary("Lists staff accounts, paged, optionally filtered by user or display name.");
        group.MapGet("/{id:guid}", async (Guid id, ManageStaffHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(id, ct)))
            .WithName("GetStaff")
            .WithSummary("One staff account.");
        group.MapPost("/", async (CreateStaffRequest request, ManageStaffHandler handler, CancellationToken ct) =>
            {
                var enrolment = await handler.CreateAsync(request, ct);
                return TypedResults.Created($"/api/v1/staff/{enrolment.AccountId}", enrolment);
            })
            .WithName("CreateStaff")
            .WithSummary("Creates an account; the answer carries its TOTP secret and otpauth URI, shown this once.");
        group.MapPost("/{id:guid}/mfa-reset", async (Guid id, ManageStaffHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ResetMfaAsync(id, ct)))
            .WithName("ResetStaffMfa")
            .WithSummary("Replaces the TOTP secret (returned this once) and ends the account's sessions.");
        group.MapPost("/{id:guid}/unlock", async (Guid id, ManageStaffHandler handler, CancellationToken ct) =>
            {
                await handler.UnlockAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("UnlockStaff")
            .WithSummary("Clears a lockout after repeated failed sign-ins.");
        group.MapPost("/{id:guid}/disable", async (Guid id, ManageStaffHandler handler, CancellationToken ct) =>
            {
                await handler.SetDisabledAsync(id, true, ct);
                return TypedResults.NoContent();
            })
            .WithName("DisableStaff")
            .WithSummary("Disables the account and ends its sessions at once.");
        group.MapPost("/{id:guid}/enable", async (Guid id, ManageStaffHandler handler, CancellationToken ct) =>
            {
                await handler.SetDisabledAsync(id, false, ct);
                return TypedResults.NoContent();
            })
            .WithName("EnableStaff")
            .WithSummary("Enables a disabled account.");
        return app;
    }
}
