using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Components.StaffConsole;

/// <summary>
/// The unit the officer is working on in this console session, chosen with the unit picker. It
/// starts at the officer's home unit and can only move inside the home unit's subtree, the same
/// jurisdiction the data filter enforces. Pages read it and listen to <see cref="Changed"/>.
/// </summary>
public sealed class SelectedUnit(CurrentUser user, UnitDirectory units)
{
    private UnitInfo? _unit;

    public event Action? Changed;

    public UnitInfo? HomeUnit => units.Find(user.UnitCode);

    public UnitInfo? Unit => _unit is not null && IsInJurisdiction(_unit) ? _unit : HomeUnit;

    /// <summary>Every unit the officer may pick: the home unit and all below it, in the pack's order.</summary>
    public IEnumerable<UnitInfo> Candidates =>
        user.UnitPath is { } path ? units.All.Where(u => u.Path.StartsWith(path, StringComparison.Ordinal)) : [];

    public bool Select(string? code)
    {
        var unit = units.Find(code);
        if (unit is null || !IsInJurisdiction(unit))
        {
            return false;
        }

        if (unit != Unit)
        {
            _unit = unit;
            Changed?.Invoke();
        }

        return true;
    }

    /// <summary>The chain from the force's root down to <paramref name="unit"/>, for breadcrumbs (the hierarchy is public).</summary>
    public IReadOnlyList<UnitInfo> TrailTo(UnitInfo unit)
    {
        var trail = new List<UnitInfo>();
        for (var u = unit; u is not null; u = units.Find(u.ParentCode))
        {
            trail.Insert(0, u);
        }

        return trail;
    }

    public bool IsInJurisdiction(UnitInfo unit) =>
        user.UnitPath is { } path && unit.Path.StartsWith(path, StringComparison.Ordinal);
}
