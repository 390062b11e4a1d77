using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// PostgreSQL: new rows of one table written by one statement of one shape, whatever their number:
/// <c>INSERT … SELECT * FROM unnest(@c0, @c1, …)</c>, one array per column, each value converted
/// to its stored form by the column's own converter. Prepared once per connection, where EF would
/// send an INSERT per row with a parameter per value (ADR-017).
/// </summary>
/// <remarks>
/// Built from the EF model, once per entity type: the table's columns, each read from the entity
/// or from an owned part stored in the same row (an application's applicant). A type it cannot
/// write exactly as EF would (a shadow column, a value the database generates or defaults, a part
/// of its own table) has no array insert, and its rows are left to EF.
/// </remarks>
internal sealed partial class ArrayInsert
{
    private static readonly ConcurrentDictionary<IEntityType, ArrayInsert?> Cache = new();

    private readonly Column[] _columns;
    private readonly string _sql;
    private readonly string _copy;

    private ArrayInsert(string table, Column[] columns, ISqlGenerationHelper sql)
    {
        _columns = columns;
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var arrays = string.Join(", ", columns.Select((c, i) => $"@{{prefix}}{i}::{c.ArrayStoreType}[]"));
        _sql = $"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})";
        _copy = $"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>
    /// Writes <paramref name="rows"/> (entities of this type) by binary COPY on the connection's
    /// open transaction: a bulk job's rows without a statement to plan or a parameter to bind (ADR-056).
    /// </summary>
    public async Task<int> CopyAsync(IReadOnlyList<object> rows, Npgsql.NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(_copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in _columns)
            {
                switch (column.ValueOf(row))
                {
                    case null:
                        await writer.WriteNullAsync(cancellationToken);
                        break;
                    case DateTimeOffset instant:
                        await writer.WriteAsync(instant.ToUniversalTime(), column.ArrayStoreType, cancellationToken);
                        break;
                    case var value:
                        await writer.WriteAsync(value, column.ArrayStoreType, cancellationToken);
                        break;
                }
            }
        }

        return (int)await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// The array insert of <paramref name="entity"/>'s table, or null if its rows must go through EF.
    /// <paramref name="leaveOut"/> names columns the database fills (an identity) or that stay null.
    /// </summary>
    public static ArrayInsert? For(DbContext db, IEntityType entity, Func<IProperty, bool>? leaveOut = null)
    {
        if (leaveOut is not null)
        {
            return Create(db, entity, leaveOut); // a caller with exclusions caches its own
        }

        return Cache.GetOrAdd(entity, e => Create(db, e, static _ => false));
    }

    private static ArrayInsert? Create(DbContext db, IEntityType entity, Func<IProperty, bool> leaveOut)
    {
        if (!db.Database.IsNpgsql() || entity.IsOwned() || entity.BaseType is not null || entity.GetDirectlyDerivedTypes().Any())
        {
            return null;
        }

        var mappings = entity.GetTableMappings().ToList();
        if (mappings is not [{ } mapping])
        {
            return null; // split over several tables
        }

        var table = mapping.Table;
        var columns = new List<Column>();
        foreach (var column in table.Columns)
        {
            if (Reader(entity, column) is not var (owner, property))
            {
                return null; // a column no property of the entity or its parts holds
            }

            if (leaveOut(property))
            {
                continue;
            }

            if (column.DefaultValueSql is not null || column.ComputedColumnSql is not null || column.DefaultValue is not (null or DBNull)
                || (property.ValueGenerated != ValueGenerated.Never && !property.IsKey()))
            {
                return null; // EF would leave it to the database (a default, a computed or generated value)
            }

            columns.Add(new Column(column.Name, owner, property, ArrayStoreType(column.StoreType), ElementType(property, column.IsNullable), property.GetTypeMapping().Converter));
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        return new ArrayInsert(sql.DelimitIdentifier(table.Name, table.Schema), [.. columns], sql);
    }

    /// <summary>How a column's value is read from an entity: its own property, or one of an owned part in the same row.</summary>
    private static (INavigation? Owner, IProperty Property)? Reader(IEntityType entity, IColumn column)
    {
        foreach (var mapping in column.PropertyMappings)
        {
            var property = mapping.Property;
            if (property.IsShadowProperty())
            {
                continue;
            }

            if (property.DeclaringType == entity)
            {
                return (null, property);
            }

            var owner = entity.GetNavigations().FirstOrDefault(n =>
                n.ForeignKey.IsOwnership && !n.IsCollection && n.TargetEntityType == property.DeclaringType);
            if (owner is not null)
            {
                return (owner, property);
            }
        }

        return null;
    }

    /// <summary>The store type without its length or precision: an array cast takes none.</summary>
    private static string ArrayStoreType(string storeType) => Facets().Replace(storeType, "");

    [GeneratedRegex(@"\(\s*\d+\s*(,\s*\d+\s*)?\)")]
    private static partial Regex Facets();

    /// <summary>What a column's array holds: the stored CLR type (after the converter), nullable if the column is.</summary>
    private static Type ElementType(IProperty property, bool nullable)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return nullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
    }

    /// <summary>The statement for <paramref name="rows"/> (entities of this type), its parameters named after <paramref name="prefix"/>.</summary>
    public (string Sql, DbParameter[] Parameters) Build(IReadOnlyList<object> rows, DbConnection connection, string prefix)
    {
        var parameters = new DbParameter[_columns.Length];
        using var factory = connection.CreateCommand();
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            var values = Array.CreateInstance(column.ElementType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                values.SetValue(column.ValueOf(rows[r]), r);
            }

            var parameter = factory.CreateParameter();
            parameter.ParameterName = prefix + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values;
            parameters[c] = parameter;
        }

        return (_sql.Replace("{prefix}", prefix, StringComparison.Ordinal), parameters);
    }

    /// <summary>
    /// The statements that write every tracked entry of <paramref name="db"/>, if all of them are new
    /// rows an array insert can write, ordered so that a row follows the rows it refers to. Null
    /// otherwise: EF writes them.
    /// </summary>
    public static List<(string Sql, object[] Parameters)>? ForNewRows(DbContext db, DbConnection connection, out int rowCount)
    {
        rowCount = 0;
        var byType = new Dictionary<IEntityType, List<object>>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added || !entry.IsKeySet)
            {
                return null; // a change to an existing row, or a key the database assigns
            }

            if (entry.Metadata.IsOwned())
            {
                if (!InOwnersRow(entry))
                {
                    return null;
                }

                continue; // written in its owner's row, and counted with it as EF counts rows
            }

            if (!byType.TryGetValue(entry.Metadata, out var rows))
            {
                byType[entry.Metadata] = rows = [];
            }

            rows.Add(entry.Entity);
            rowCount++;
        }

        var ordered = InDependencyOrder(byType.Keys);
        if (ordered is null)
        {
            return null;
        }

        var statements = new List<(string, object[])>(ordered.Count);
        foreach (var type in ordered)
        {
            if (For(db, type) is not { } insert)
            {
                return null;
            }

            var (sql, parameters) = insert.Build(byType[type], connection, $"n{statements.Count}_");
            statements.Add((sql, parameters));
        }

        return statements;
    }

    /// <summary>An owned part whose owner is new too and whose columns are in the owner's table.</summary>
    private static bool InOwnersRow(EntityEntry entry)
    {
        var ownership = entry.Metadata.FindOwnership()!;
        return ownership.IsUnique
            && entry.Metadata.GetTableMappings().Select(m => m.Table).SequenceEqual(ownership.PrincipalEntityType.GetTableMappings().Select(m => m.Table));
    }

    /// <summary>Types ordered so that each follows the types its foreign keys point to; null if they point at each other.</summary>
    private static List<IEntityType>? InDependencyOrder(IEnumerable<IEntityType> types)
    {
        var remaining = types.ToList();
        var ordered = new List<IEntityType>(remaining.Count);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => !t.GetForeignKeys().Any(fk => !fk.IsOwnership && remaining.Contains(fk.PrincipalEntityType)));
            if (next is null)
            {
                return null; // a cycle, or rows of one type referring to each other
            }

            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    private sealed record Column(string Name, INavigation? Owner, IProperty Property, string ArrayStoreType, Type ElementType, ValueConverter? Converter)
    {
        private readonly IClrPropertyGetter? _owner = Owner?.GetGetter();
        private readonly IClrPropertyGetter _value = Property.GetGetter();

        public object? ValueOf(object entity)
        {
            var container = _owner is null ? entity : _owner.GetClrValue(entity);
            if (container is null)
            {
                return null;
            }

            var value = _value.GetClrValue(container);
            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }
}
