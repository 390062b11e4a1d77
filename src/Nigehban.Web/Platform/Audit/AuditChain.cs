using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Audit;

/// <summary>Appends to and verifies the SHA-256 hash chain of audit events. See ADR-004.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Arbitrary constant naming the PostgreSQL advisory lock that serialises chain appends.</summary>
    internal const long ChainLockKey = 7_307_001;

    /// <summary>Rows per INSERT statement: well under SQLite's limit of 32,766 parameters.</summary>
    private const int RowsPerStatement = 500;

    /// <summary>
    /// Called at the end of a unit of work, inside its transaction, after the business rows are
    /// written: the chain lock is held for the head read and one insert (and the commit that
    /// follows), not for the request.
    /// </summary>
    /// <remarks>
    /// The rows are inserted with SQL built from the EF model rather than through the change
    /// tracker, so that the caller's own entries stay pending until the transaction commits: if
    /// this insert fails, a retried SaveChanges writes the business rows again instead of
    /// believing they were saved.
    /// </remarks>
    internal static async Task AppendPendingAsync(NigehbanDbContext db, AuditTrail trail, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit events are appended only inside the transaction of the work they describe.");
        var table = AuditTable.Of(db);
        var (sequence, previous) = await LockAndReadHeadAsync(db, table, transaction, cancellationToken);

        var pending = trail.Pending;
        foreach (var e in pending)
        {
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = ComputeHash(e);
            previous = e.Hash;
        }

        for (var start = 0; start < pending.Count; start += RowsPerStatement)
        {
            var rows = pending.Skip(start).Take(RowsPerStatement).ToList();
            var (sql, parameters) = table.BuildInsert(rows, transaction.Connection!);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }

        trail.MarkWritten();
    }

    /// <summary>
    /// PostgreSQL: take the advisory transaction lock and read the head in one round trip. The
    /// head query is a separate statement, so under READ COMMITTED it sees every chain append
    /// committed before the lock was granted (PostgreSQL makes a commit visible before it releases
    /// the committing transaction's locks). SQLite: the transaction already holds the database's
    /// single write lock (EF begins it IMMEDIATE), so reading the head is enough.
    /// </summary>
    private static async Task<(long Sequence, string Hash)> LockAndReadHeadAsync(
        NigehbanDbContext db, AuditTable table, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var head = $"SELECT {table.Sequence}, {table.Hash} FROM {table.Name} ORDER BY {table.Sequence} DESC LIMIT 1";
        command.CommandText = db.IsPostgres ? $"SELECT pg_advisory_xact_lock({ChainLockKey}); {head};" : head + ";";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (db.IsPostgres)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetString(1))
            : (0, GenesisHash);
    }

    /// <summary>
    /// SHA-256 over a canonical encoding of every field and the previous hash. Each field is
    /// length-prefixed (null written as '-'), so no edit can move text from one field to the next
    /// or turn an empty value into a missing one and keep the same hash.
    /// </summary>
    public static string ComputeHash(AuditEvent e)
    {
        var canonical = new StringBuilder(512).Append("nigehban-audit-v1");
        Field(canonical, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(canonical, e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(canonical, e.ActorId?.ToString("N"));
        Field(canonical, e.ActorName);
        Field(canonical, e.Action);
        Field(canonical, e.ObjectType);
        Field(canonical, e.ObjectId);
        Field(canonical, e.UnitPath);
        Field(canonical, e.Outcome.ToString());
        Field(canonical, e.IpAddress);
        Field(canonical, e.Details);
        Field(canonical, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static void Field(StringBuilder canonical, string? value)
    {
        if (value is null)
        {
            canonical.Append("|-");
            return;
        }

        canonical.Append('|').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }

    /// <summary>Table and column names and type mappings of <see cref="AuditEvent"/>, read from the EF model of the provider in use.</summary>
    private sealed class AuditTable
    {
        private readonly IReadOnlyList<(IProperty Property, string Column)> _columns;
        private readonly string _columnList;

        private AuditTable(NigehbanDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            Name = sql.DelimitIdentifier(store.Name, store.Schema);
            _columns = [.. entity.GetProperties().Select(p => (p, sql.DelimitIdentifier(p.GetColumnName(store)!)))];
            _columnList = string.Join(", ", _columns.Select(c => c.Column));
            Sequence = _columns.Single(c => c.Property.Name == nameof(AuditEvent.Sequence)).Column;
            Hash = _columns.Single(c => c.Property.Name == nameof(AuditEvent.Hash)).Column;
        }

        public string Name { get; }
        public string Sequence { get; }
        public string Hash { get; }

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
        /// A multi-row INSERT whose parameters are created by each column's own type mapping, so
        /// value converters (instants as ticks on SQLite, the outcome as text) apply exactly as
        /// they would through SaveChanges.
        /// </summary>
        public (string Sql, List<DbParameter> Parameters) BuildInsert(IReadOnlyList<AuditEvent> rows, DbConnection connection)
        {
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
}
