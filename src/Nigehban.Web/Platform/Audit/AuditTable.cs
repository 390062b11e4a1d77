using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

/// <summary>Table and column names and type mappings of <see cref="AuditEvent"/>, read from the EF model of the provider in use.</summary>
internal sealed class AuditTable
{
    private readonly IReadOnlyList<(IProperty Property, string Column)> _columns;
    private readonly string _columnList;

    // PostgreSQL: one statement of one shape for any number of events (ADR-017). Null on SQLite.
    private readonly ArrayInsert? _arrayInsert;

    private AuditTable(NigehbanDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        Name = sql.DelimitIdentifier(store.Name, store.Schema);
        // The id is the database's to assign; the legacy link columns stay null for new events.
        static bool LeftOut(IProperty p) => p.Name is nameof(AuditEvent.Id) or nameof(AuditEvent.PreviousHash) or nameof(AuditEvent.Hash);
        _columns = [.. entity.GetProperties().Where(p => !LeftOut(p)).Select(p => (p, sql.DelimitIdentifier(p.GetColumnName(store)!)))];
        _columnList = string.Join(", ", _columns.Select(c => c.Column));
        _arrayInsert = ArrayInsert.For(db, entity, LeftOut);
    }

    public string Name { get; }

    // One instance per provider: the model differs between SQLite and PostgreSQL.
    private static readonly Dictionary<string, AuditTable> Cache = [];

    public static AuditTable Of(NigehbanDbContext db)
    {
        var provider = db.Database.ProviderName!;
        lock (Cache)
        {
            if (!Cache.TryGetValue(provider, out var table))
            {
                table = new AuditTable(db);
                Cache[provider] = table;
            }

            return table;
        }
    }

    /// <summary>
    /// PostgreSQL: the array insert. SQLite: a multi-row INSERT whose parameters are created by
    /// each column's own type mapping. Either way value converters (instants as ticks on
    /// SQLite, the outcome as text) apply exactly as they would through SaveChanges.
    /// </summary>
    public (string Sql, List<DbParameter> Parameters) BuildInsert(IReadOnlyList<AuditEvent> rows, DbConnection connection)
    {
        if (_arrayInsert is not null)
        {
            var (arraySql, arrayParameters) = _arrayInsert.Build(rows, connection, "a");
            return (arraySql, [.. arrayParameters]);
        }

        var sql = new StringBuilder($"INSERT INTO {Name} ({_columnList}) VALUES ");
        var parameters = new List<DbParameter>(rows.Count * _columns.Count);
        using var factory = connection.CreateCommand();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Count; c++)
            {
                var (property, _) = _columns[c];
                // Named without a prefix: SQLite and Npgsql both match it to "@name" in the text.
                var name = $"a{r}_{c}";
                sql.Append(c == 0 ? "@" : ", @").Append(name);
                var value = property.PropertyInfo!.GetValue(rows[r]);
                parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, value, property.IsNullable));
            }

            sql.Append(')');
        }

        return (sql.ToString(), parameters);
    }
}
