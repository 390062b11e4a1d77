using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Units;

/// <summary>
/// A unit moved under another parent, as the modules that keep figures per unit see it.
/// </summary>
/// <param name="Unit">The unit, as it was before the move.</param>
/// <param name="Subtree">Codes of the unit and every unit under it.</param>
/// <param name="OldDistrict">The unit of the pack's reference kind (a district) the subtree counted under before the move; null when the unit is itself one.</param>
/// <param name="NewDistrict">The same after the move.</param>
public sealed record UnitMove(UnitInfo Unit, IReadOnlyList<string> Subtree, string? OldDistrict, string? NewDistrict);

/// <summary>
/// Work a module does inside the transaction that moves a unit (the dashboard re-attributes the
/// subtree's figures to the new district). A declared contract: the Organisation module calls every
/// registered participant and knows none of them. Registered in the participant module's <c>AddXxx()</c>.
/// </summary>
public interface IUnitMoveParticipant
{
    Task UnitMovedAsync(NigehbanDbContext db, UnitMove move, CancellationToken cancellationToken);
}
