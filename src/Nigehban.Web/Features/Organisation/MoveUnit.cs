using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Organisation;

public sealed record MoveUnitCommand(string? ParentCode);

public sealed record MoveUnitResult(string Code, string? FromParent, string ParentCode, string Path, long RecordsRepathed);

/// <summary>
/// Re-parents a unit (a station handed to another district). In one transaction: the unit and its
/// subtree get new paths; every unit-owned record under it gets the new path (jurisdiction follows
/// the unit); modules that keep figures per unit follow it (<see cref="IUnitMoveParticipant"/>: the
/// dashboard moves the subtree's rows from the old district to the new). The in-memory directory is
/// reloaded after the commit. From then on the database, not the pack, holds the parent
/// (see <see cref="SyncUnitsFromForcePack"/>).
/// </summary>
public sealed class MoveUnitHandler(NigehbanDbContext db, UnitDirectory directory, ForcePack force, JurisdictionScope scope, IEnumerable<IUnitMoveParticipant> participants)
{
    public async Task<MoveUnitResult> HandleAsync(string code, MoveUnitCommand command, CancellationToken cancellationToken)
    {
        // Both ends of the move lie in the administrator's subtree (ADR-024): a district administrator
        // cannot take another district's circle into its own jurisdiction. Checked before the scope is lifted.
        var unit = directory.Find(code) is { } found && scope.Covers(found)
            ? found
            : throw new NotFoundException("code", OrganisationErrors.Text("Unit.NotInJurisdiction", code));
        if (string.IsNullOrWhiteSpace(command.ParentCode))
        {
            throw new ValidationFailedException("parentCode", OrganisationErrors.Text("Parent.Required"));
        }

        var parent = directory.Find(command.ParentCode) is { } target && scope.Covers(target)
            ? target
            : throw new ValidationFailedException("parentCode", OrganisationErrors.Text("Unit.NotInJurisdiction", command.ParentCode));
        var kinds = force.UnitKinds.ToList();
        if (parent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            throw new ValidationFailedException("parentCode", OrganisationErrors.Text("Parent.UnderItself"));
        }

        if (kinds.IndexOf(parent.Kind) >= kinds.IndexOf(unit.Kind))
        {
            throw new ValidationFailedException("parentCode", OrganisationErrors.Text("Parent.WrongKind", unit.Kind, parent.Kind));
        }

        if (string.Equals(unit.ParentCode, parent.Code, StringComparison.OrdinalIgnoreCase))
        {
            return new MoveUnitResult(unit.Code, unit.ParentCode, parent.Code, unit.Path, 0);
        }

        scope.Unrestricted("a unit move re-paths every record under the unit, force-wide");
        var oldPath = unit.Path;
        var newPath = $"{parent.Path}{unit.Code}/";
        var subtree = directory.All.Where(u => u.Path.StartsWith(oldPath, StringComparison.Ordinal)).Select(u => u.Code).ToList();
        var oldDistrict = unit.Kind == force.ReferenceUnitKind ? null : directory.AncestorOfKind(unit.Code, force.ReferenceUnitKind)?.Code;
        var newDistrict = unit.Kind == force.ReferenceUnitKind ? null : directory.AncestorOfKind(parent.Code, force.ReferenceUnitKind)?.Code;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Set<Unit>().Where(u => subtree.Contains(u.Code)).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.Path = newPath + row.Path[oldPath.Length..];
            if (string.Equals(row.Code, unit.Code, StringComparison.OrdinalIgnoreCase))
            {
                row.ParentCode = parent.Code;
            }
        }

        long repathed = 0;
        // Staff accounts are unit-owned too: their home paths follow, so the unit's officers keep their jurisdiction.
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => typeof(IUnitOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null && !t.IsOwned()))
        {
            var table = entityType.GetTableName()!;
            var column = entityType.FindProperty(JurisdictionFilter.Of(entityType.ClrType)!.Property)!.GetColumnName();
            // Names come from the EF model, values go as parameters.
            var sql = $"UPDATE \"{table}\" SET \"{column}\" = {{0}} || substr(\"{column}\", {{1}}) WHERE substr(\"{column}\", 1, {{2}}) = {{3}}";
            repathed += await db.Database.ExecuteSqlRawAsync(sql, [newPath, oldPath.Length + 1, oldPath.Length, oldPath], cancellationToken);
        }

        foreach (var participant in participants)
        {
            await participant.UnitMovedAsync(db, new UnitMove(unit, subtree, oldDistrict, newDistrict), cancellationToken);
        }

        db.Audit.Record(new AuditEntry("unit.moved", nameof(Unit), unit.Code,
            Details: $"parent {unit.ParentCode} -> {parent.Code}; path {oldPath} -> {newPath}; {repathed} records re-pathed; dashboard district {oldDistrict ?? "-"} -> {newDistrict ?? "-"}",
            UnitPath: newPath));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SyncUnitsFromForcePack.ReloadDirectoryAsync(db, directory, cancellationToken);
        return new MoveUnitResult(unit.Code, unit.ParentCode, parent.Code, newPath, repathed);
    }
}

public static class MoveUnitEndpoint
{
    public static IEndpointRouteBuilder MapMoveUnit(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/units/{code}/parent", Move).WithName("MoveUnit").WithTags("Units")
            .RequireAuthorization(Permissions.ForceManage)
            .WithSummary("Moves a unit under another parent: paths of its records and its dashboard figures follow. Administrators only; audited.");
        return app;
    }

    internal static async Task<Ok<MoveUnitResult>> Move(string code, MoveUnitCommand command, MoveUnitHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(code, command, ct));
}
