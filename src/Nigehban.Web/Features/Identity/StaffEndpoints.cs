using Nigehban.Web.Features.Identity.CreateStaffAccount;
using Nigehban.Web.Features.Identity.GetStaffAccount;
using Nigehban.Web.Features.Identity.ListStaffAccounts;
using Nigehban.Web.Features.Identity.ResetStaffMfa;
using Nigehban.Web.Features.Identity.SetStaffStatus;
using Nigehban.Web.Features.Identity.UnlockStaffAccount;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

/// <summary>The administrator API for staff accounts; every route needs <see cref="Permissions.StaffManage"/>.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffAdministration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff").WithTags("Staff").RequireAuthorization(Permissions.StaffManage);
        group.MapGet("/", async (ListStaffAccountsHandler handler, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(search, page ?? 1, pageSize ?? PagedList<StaffSummary>.DefaultPageSize, ct)))
            .WithName("ListStaff")
            .WithSummary("Lists staff accounts, paged, optionally filtered by user or display name.");
        group.MapGet("/{id:guid}", async (Guid id, GetStaffAccountHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(id, ct)))
            .WithName("GetStaff")
            .WithSummary("One staff account.");
        group.MapPost("/", async (CreateStaffRequest request, CreateStaffAccountHandler handler, CancellationToken ct) =>
            {
                var enrolment = await handler.CreateAsync(request, ct);
                return TypedResults.Created($"/api/v1/staff/{enrolment.AccountId}", enrolment);
            })
            .WithName("CreateStaff")
            .WithSummary("Creates an account; the answer carries its TOTP secret and otpauth URI, shown this once.");
        group.MapPost("/{id:guid}/mfa-enrolments", async (Guid id, ResetStaffMfaHandler handler, CancellationToken ct) =>
                TypedResults.Created((string?)null, await handler.ResetAsync(id, ct)))
            .WithName("CreateStaffMfaEnrolment")
            .WithSummary("A new MFA enrolment replaces the old: the TOTP secret is returned this once and the account's sessions end.");
        group.MapDelete("/{id:guid}/lockout", async (Guid id, UnlockStaffAccountHandler handler, CancellationToken ct) =>
            {
                await handler.UnlockAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteStaffLockout")
            .WithSummary("Clears a lockout after repeated failed sign-ins.");
        group.MapPut("/{id:guid}/status", async (Guid id, SetStaffStatusRequest request, SetStaffStatusHandler handler, CancellationToken ct) =>
            {
                await handler.SetAsync(id, request.Status ?? throw new ValidationFailedException("status", IdentityErrors.Text("Status.Required")), ct);
                return TypedResults.NoContent();
            })
            .WithName("SetStaffStatus")
            .WithSummary("Active or Disabled; disabling ends the account's sessions at once.");
        group.MapDeprecatedVerbRoutes();
        return app;
    }

    /// <summary>
    /// The verb routes of the first release answer for one more release (ADR-023), marked deprecated
    /// in the OpenAPI document and by a Deprecation header naming the noun route that replaces them.
    /// </summary>
    private static void MapDeprecatedVerbRoutes(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/mfa-reset", async (Guid id, ResetStaffMfaHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ResetAsync(id, ct)))
            .Deprecated("ResetStaffMfa", "mfa-enrolments");
        group.MapPost("/{id:guid}/unlock", async (Guid id, UnlockStaffAccountHandler handler, CancellationToken ct) =>
            {
                await handler.UnlockAsync(id, ct);
                return TypedResults.NoContent();
            })
            .Deprecated("UnlockStaff", "lockout");
        group.MapPost("/{id:guid}/disable", async (Guid id, SetStaffStatusHandler handler, CancellationToken ct) =>
            {
                await handler.SetAsync(id, StaffStatus.Disabled, ct);
                return TypedResults.NoContent();
            })
            .Deprecated("DisableStaff", "status");
        group.MapPost("/{id:guid}/enable", async (Guid id, SetStaffStatusHandler handler, CancellationToken ct) =>
            {
                await handler.SetAsync(id, StaffStatus.Active, ct);
                return TypedResults.NoContent();
            })
            .Deprecated("EnableStaff", "status");
    }

    private static RouteHandlerBuilder Deprecated(this RouteHandlerBuilder endpoint, string name, string successorSegment) =>
        endpoint
            .WithName(name)
            .WithSummary($"Deprecated: use the '{successorSegment}' resource of the account instead.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Deprecated = true;
                return Task.CompletedTask;
            })
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var id = http.GetRouteValue("id");
                // RFC 9745: the route is deprecated as of now; the Link names its replacement.
                http.Response.Headers["Deprecation"] = "@" + DeprecatedSince.ToUnixTimeSeconds();
                http.Response.Headers.Link = $"</api/v1/staff/{id}/{successorSegment}>; rel=\"successor-version\"";
                return await next(context);
            });

    private static readonly DateTimeOffset DeprecatedSince = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
}
