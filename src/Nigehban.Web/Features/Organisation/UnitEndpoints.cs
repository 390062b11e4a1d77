using Microsoft.AspNetCore.Http.HttpResults;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Organisation;

public sealed record UnitResponse(string Code, string Name, string Kind, string? ParentCode);

public sealed record UnitDetailResponse(string Code, string Name, string Kind, string? ParentCode, string Path, IReadOnlyList<UnitResponse> Children);

/// <summary>
/// The force's hierarchy. Public: which stations exist, and where, is public information.
/// Reference data, so the list is not paged.
/// </summary>
public static class UnitEndpoints
{
    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units").WithTags("Units").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous);

        group.MapGet("/", ListUnits).WithName("ListUnits").WithSummary("The force's whole unit list, flat.");
        group.MapGet("/{code}", GetUnit).WithName("GetUnit").WithSummary("One unit with its direct children.");
        app.MapMoveUnit();
        return app;
    }

    internal static Ok<UnitResponse[]> ListUnits(UnitDirectory units, string? kind, string? parent)
    {
        IEnumerable<UnitInfo> query = units.All;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            query = query.Where(u => u.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(parent))
        {
            query = query.Where(u => string.Equals(u.ParentCode, parent, StringComparison.OrdinalIgnoreCase));
        }

        return TypedResults.Ok(query.Select(ToResponse).ToArray());
    }

    internal static Results<Ok<UnitDetailResponse>, ProblemHttpResult> GetUnit(string code, UnitDirectory units)
    {
        var unit = units.Find(code);
        if (unit is null)
        {
            return Problems.NotFound("code", OrganisationErrors.Text("Unit.Unknown", code));
        }

        var children = units.ChildrenOf(unit.Code).Select(ToResponse).ToArray();
        return TypedResults.Ok(new UnitDetailResponse(unit.Code, unit.Name, unit.Kind, unit.ParentCode, unit.Path, children));
    }

    private static UnitResponse ToResponse(UnitInfo u) => new(u.Code, u.Name, u.Kind, u.ParentCode);
}
