using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Which property holds the unit path that the jurisdiction filter reads. An <see cref="IUnitOwned"/>
/// entity uses its <c>UnitPath</c> property unless its configuration names another one (a staff
/// account's home unit); a record that is not unit-owned can still be scoped by a nullable path
/// (an audit event), its rows without a unit then belonging to the force as a whole.
/// </summary>
public static class JurisdictionFilter
{
    private static readonly ConcurrentDictionary<Type, ScopedPath> Declared = new();

    /// <summary>A unit path stored under another name than <c>UnitPath</c>, or a path some rows do not have.</summary>
    /// <param name="unplacedRowsAreForceWide">Rows without a path are seen only by a force-wide scope (the root unit, or system work).</param>
    public static EntityTypeBuilder<T> ScopedByUnitPath<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, string?>> path, bool unplacedRowsAreForceWide = false)
        where T : class
    {
        var member = path.Body as MemberExpression ?? throw new ArgumentException("Name a property: e => e.Path.", nameof(path));
        // Configurations are applied once per model, on the DbContext type; a static record of them is the same every time.
        Declared[typeof(T)] = new ScopedPath(member.Member.Name, unplacedRowsAreForceWide);
        return builder;
    }

    /// <summary>The scoped path of an entity, or null when the filter does not apply to it.</summary>
    public static ScopedPath? Of(Type entity) =>
        Declared.TryGetValue(entity, out var declared) ? declared
        : typeof(IUnitOwned).IsAssignableFrom(entity) ? new ScopedPath(nameof(IUnitOwned.UnitPath), UnplacedRowsAreForceWide: false)
        : null;
}

/// <summary>The property holding the path, and whether rows without one are the force's.</summary>
public sealed record ScopedPath(string Property, bool UnplacedRowsAreForceWide);
