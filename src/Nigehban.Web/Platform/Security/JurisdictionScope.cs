using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Platform.Security;

/// <summary>
/// The subtree of units whose records this scope may see. It defaults to the signed-in user's
/// home unit and to nothing at all for anyone else: anonymous and background code must say
/// <see cref="Unrestricted"/> explicitly, with a reason, to look across the force.
/// </summary>
public sealed class JurisdictionScope(CurrentUser user)
{
    /// <summary>No unit path starts with this, so the filter matches no row.</summary>
    internal const string Nothing = "\u0001";

    private string? _override;

    public string PathPrefix => _override ?? user.UnitPath ?? Nothing;

    /// <summary>
    /// The whole force: system work, or a user of the root unit (a path of one unit, <c>/PB/</c>).
    /// Only such a scope sees records that name no unit (audit events of anonymous or system work).
    /// </summary>
    public bool IsForceWide => PathPrefix == "/" || (PathPrefix.Length > 2 && PathPrefix.IndexOf('/', 1) == PathPrefix.Length - 1);

    /// <summary>
    /// Whether a unit named explicitly (a centre, a station, a new account's home unit) lies in this
    /// scope's subtree. The query filter answers this for records; handlers that take a unit code ask here.
    /// </summary>
    public bool Covers(UnitInfo unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Covers(unit.Path);
    }

    /// <inheritdoc cref="Covers(UnitInfo)"/>
    public bool Covers(string unitPath) => unitPath.StartsWith(PathPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Lifts the filter for system work (migrations, seeding, background jobs) and for public
    /// look-ups that select one record by a secret key (reference plus national ID).
    /// </summary>
    public void Unrestricted(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _override = "/";
    }

    /// <summary>
    /// Narrows the scope to one unit's subtree (a supervisor picking a unit, a test). It can only
    /// narrow: a subtree outside the current scope answers 404, as any object outside it does.
    /// </summary>
    public void LimitTo(string unitPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitPath);

        // "/PB/LHR" would also match "/PB/LHR2/...": only whole paths, which end with a slash.
        if (!unitPath.StartsWith('/') || !unitPath.EndsWith('/'))
        {
            throw new ArgumentException("A unit path starts and ends with '/'.", nameof(unitPath));
        }

        if (!Covers(unitPath))
        {
            throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        _override = unitPath;
    }
}
