using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nigehban.Bench.Data;

/// <summary>
/// One column of a bulk load: its name, its store type (for the ceiling table, which copies it)
/// and how to read the value the database stores from a row. <see cref="Mapping"/> is EF's own
/// type mapping when the column belongs to the app's model, so parameters are bound exactly as
/// EF binds them.
/// </summary>
public sealed record BulkColumn<T>(string Name, string StoreType, bool Nullable, Func<T, object?> Value, RelationalTypeMapping? Mapping = null);

/// <summary>A table and its columns, either one of the app's tables read from the EF model or a bench-owned one.</summary>
public sealed record BulkTable<T>(string Name, IReadOnlyList<BulkColumn<T>> Columns)
{
    /// <summary>
    /// The table the app's model maps <typeparamref name="T"/> to, with every column the app
    /// writes, values converted by the model's own converters (for example SQLite's UTC ticks).
    /// Integer keys the database generates are left to the database, as EF leaves them.
    /// </summary>
    public static BulkTable<T> FromModel(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var columns = new List<BulkColumn<T>>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never && (property.ClrType == typeof(int) || property.ClrType == typeof(long)))
            {
                continue;
            }

            var mapping = property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            columns.Add(new BulkColumn<T>(
                property.GetColumnName(table) ?? property.Name,
                property.GetColumnType(),
                property.IsNullable,
                row =>
                {
                    var value = getter.GetClrValue(row!);
                    return value is null || converter is null ? value : converter.ConvertToProvider(value);
                },
                mapping));
        }

        return new BulkTable<T>(tableName, columns);
    }

    /// <summary>
    /// The table the app's model maps <paramref name="entityType"/> to, including the columns of
    /// owned types stored in the same table (named <c>Owner.Property</c>), with the values taken
    /// from a row of another shape: for rows the app would build through its state machine, which
    /// the bench cannot replay ten million times. Every column the model has must be given a
    /// value, unless it is nullable (then it is written as null): a column added to the model
    /// later fails here rather than being silently left out.
    /// </summary>
    public static BulkTable<T> FromModel(DbContext db, Type entityType, IReadOnlyDictionary<string, Func<T, object?>> values)
    {
        var entity = db.Model.FindEntityType(entityType) ?? throw new InvalidOperationException($"{entityType.Name} is not in the model.");
        var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{entityType.Name} has no table.");
        var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var columns = new List<BulkColumn<T>>();
        var used = new HashSet<string>(StringComparer.Ordinal);

        void Add(IProperty property, string key)
        {
            var mapping = property.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            Func<T, object?> value;
            if (values.TryGetValue(key, out var given))
            {
                used.Add(key);
                value = row =>
                {
                    var v = given(row);
                    return v is null || converter is null ? v : converter.ConvertToProvider(v);
                };
            }
            else if (property.IsNullable)
            {
                value = _ => null;
            }
            else
            {
                throw new InvalidOperationException($"The bench gives no value for the required column {tableName}.{property.GetColumnName(table)} ({key}).");
            }

            columns.Add(new BulkColumn<T>(property.GetColumnName(table) ?? property.Name, property.GetColumnType(), property.IsNullable, value, mapping));
        }

        foreach (var property in entity.GetProperties())
        {
            Add(property, property.Name);
        }

        foreach (var navigation in entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.TargetEntityType.GetTableName() == tableName))
        {
            // The owned type's key is the owner's key column, already written.
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()))
            {
                Add(property, $"{navigation.Name}.{property.Name}");
            }
        }

        var unused = values.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException($"The model's {tableName} has no column for {string.Join(", ", unused)}.");
        }

        return new BulkTable<T>(tableName, columns);
    }
}
