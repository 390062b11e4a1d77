using System.Buffers;
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

/// <summary>Writes audit events and computes the links of their hash chain. See ADR-004 and ADR-011.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Arbitrary constant naming the PostgreSQL advisory lock that serialises sealing passes (not the work).</summary>
    internal const long ChainLockKey = 7_307_001;

    /// <summary>Rows per INSERT statement: well under SQLite's limit of 32,766 parameters.</summary>
    private const int RowsPerStatement = 500;

    /// <summary>
    /// Called at the end of a unit of work, inside its transaction, after the business rows are
    /// written. Inserts the pending events and nothing else: no lock and no read of the chain, so
    /// audited writes do not wait for each other. <see cref="AuditSealer"/> links them into the
    /// chain after they commit.
    /// </summary>
    /// <remarks>
    /// The rows are inserted with SQL built from the EF model rather than through the change
    /// tracker, so that the caller's own entries stay pending until the transaction commits: if
    /// this insert fails, a retried SaveChanges writes the business rows again instead of
    /// believing they were saved.
    /// </remarks>
    /// <param name="before">
    /// Other statements of the same unit of work (raw SQL with <c>{n}</c> placeholders, as
    /// <c>ExecuteSqlRaw</c> takes them), sent in the same command as the first insert: one round
    /// trip instead of several (ADR-013). They succeed or fail with it, in the same transaction.
    /// </param>
    /// <param name="after">
    /// Statements sent after the (last) insert, in its command: those that lock rows other writers
    /// also want (rollup upserts), so that the locks are taken as late as possible (ADR-018).
    /// </param>
    internal static async Task InsertPendingAsync(NigehbanDbContext db, AuditTrail trail,
        IReadOnlyList<(string Sql, object[] Parameters)> before, IReadOnlyList<(string Sql, object[] Parameters)> after, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit events are written only inside the transaction of the work they describe.");
        var table = AuditTable.Of(db);
        var pending = trail.Pending;
        // One command for the first batch of events (all of them, but for a bulk job's) with the
        // statements before it; one for each further batch, whose parameter names repeat; the
        // statements after go with the last batch.
        var batches = Math.Max(1, (pending.Count + RowsPerStatement - 1) / RowsPerStatement);
        for (var batch = 0; batch < batches; batch++)
        {
            var command = new StringBuilder();
            var parameters = new List<object>();
            void Append(string sql, IReadOnlyCollection<object> statementParameters, bool renumber)
            {
                // Renumber the statement's placeholders after those already taken.
                command.Append(renumber && parameters.Count > 0 ? Renumber(sql, parameters.Count, statementParameters.Count) : sql).Append(";\n");
                parameters.AddRange(statementParameters);
            }

            foreach (var (sql, statementParameters) in batch == 0 ? before : [])
            {
                Append(sql, statementParameters, renumber: true);
            }

            var events = pending.Skip(batch * RowsPerStatement).Take(RowsPerStatement).ToList();
            if (events.Count > 0)
            {
                // The audit insert names its parameters; they take their places in the array all the same.
                var (sql, auditParameters) = table.BuildInsert(events, transaction.Connection!);
                Append(sql, auditParameters, renumber: false);
            }

            foreach (var (sql, statementParameters) in batch == batches - 1 ? after : [])
            {
                Append(sql, statementParameters, renumber: true);
            }

            if (command.Length > 0)
            {
                await db.Database.ExecuteSqlRawAsync(command.ToString(), parameters, cancellationToken);
            }
        }

        trail.MarkWritten();
    }

    /// <summary><c>{0}</c>…<c>{count-1}</c> become <c>{offset}</c>…, from the highest down so that no replacement is replaced again.</summary>
    private static string Renumber(string sql, int offset, int count)
    {
        var text = new StringBuilder(sql);
        for (var i = count - 1; i >= 0; i--)
        {
            text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", "{" + (i + offset).ToString(CultureInfo.InvariantCulture) + "}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Start-up, after migrating: events written before ADR-011 carry their own link (the event's id
    /// was its position in the chain). Each gets the seal that says the same (sequence = id, the same
    /// previous hash and hash, verified with <see cref="ComputeLegacyHash"/>), so the old chain stays
    /// verifiable and new seals continue it. Idempotent; instances starting together insert each seal once.
    /// On PostgreSQL the event id became an identity column whose generator starts at 1: it is moved
    /// past the highest existing id.
    /// </summary>
    internal static async Task AdoptLegacyChainAsync(NigehbanDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO audit_seals ("Sequence", "EventId", "PreviousHash", "Hash", "SealedAt")
            SELECT e."Id", e."Id", e."PreviousHash", e."Hash", e."OccurredAt" FROM audit_events e
            WHERE e."Hash" IS NOT NULL AND e."PreviousHash" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s."EventId" = e."Id")
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                DO $$
                DECLARE
                  generator text := pg_get_serial_sequence('audit_events', 'Id');
                  highest bigint := (SELECT max("Id") FROM audit_events);
                BEGIN
                  IF highest IS NOT NULL AND coalesce(pg_sequence_last_value(generator::regclass), 0) < highest THEN
                    PERFORM setval(generator, highest);
                  END IF;
                END $$;
                """, cancellationToken);
        }
    }

    /// <summary>
    /// The hash of the seal that puts <paramref name="e"/> at <paramref name="sequence"/> after a
    /// link whose hash is <paramref name="previousHash"/>: SHA-256 over a canonical encoding of the
    /// position, the event's id and every field of the event, and the previous hash. Each field is
    /// length-prefixed (null written as '-'), so no edit can move text from one field to the next
    /// or turn an empty value into a missing one and keep the same hash.
    /// </summary>
    public static string ComputeHash(AuditEvent e, long sequence, string previousHash) =>
        Hash(Canonical("nigehban-audit-v2", sequence, e.Id, e, previousHash));

    /// <summary>
    /// The encoding of events chained before ADR-011 (<c>nigehban-audit-v1</c>), when the event's
    /// id was its position; kept so that those events still verify. It covers the same facts as
    /// <see cref="ComputeHash"/> for a seal whose sequence equals its event's id.
    /// </summary>
    public static string ComputeLegacyHash(AuditEvent e, long sequence, string previousHash) =>
        Hash(Canonical("nigehban-audit-v1", sequence, null, e, previousHash));

    /// <summary>
    /// One builder per thread, reused: the sealer hashes a thousand events a pass and the verifier
    /// the whole trail, and a builder and a copy of its text for each would be most of what they allocate.
    /// </summary>
    [ThreadStatic]
    private static StringBuilder? t_canonical;

    /// <summary>A builder grown past this by a long event's details is dropped rather than kept for the thread's life.</summary>
    private const int KeptBuilderCapacity = 8 * 1024;

    private static StringBuilder Canonical(string version, long sequence, long? eventId, AuditEvent e, string previousHash)
    {
        if (t_canonical is not { Capacity: <= KeptBuilderCapacity })
        {
            t_canonical = new StringBuilder(1024);
        }

        var canonical = t_canonical.Clear().Append(version);
        Field(canonical, sequence);
        if (eventId is { } id)
        {
            Field(canonical, id);
        }

        Field(canonical, e.OccurredAt.UtcTicks);
        Field(canonical, e.ActorId?.ToString("N"));
        Field(canonical, e.ActorName);
        Field(canonical, e.Action);
        Field(canonical, e.ObjectType);
        Field(canonical, e.ObjectId);
        Field(canonical, e.UnitPath);
        Field(canonical, e.Outcome.ToString());
        Field(canonical, e.IpAddress);
        Field(canonical, e.Details);
        Field(canonical, previousHash);
        return canonical;
    }

    /// <summary>SHA-256 of the UTF-8 of the whole canonical text, encoded at once (never chunk by chunk, which could split a surrogate pair).</summary>
    private static string Hash(StringBuilder canonical)
    {
        var chars = ArrayPool<char>.Shared.Rent(canonical.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(canonical.Length));
        try
        {
            canonical.CopyTo(0, chars, canonical.Length);
            var length = Encoding.UTF8.GetBytes(chars, 0, canonical.Length, bytes, 0);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            // Cleared: the text is an audit event's (names, addresses, details), and the pool is shared.
            ArrayPool<char>.Shared.Return(chars, clearArray: true);
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true);
        }
    }

    /// <summary>A number as its invariant digits, with the same length prefix as text: written without a string of its own.</summary>
    private static void Field(StringBuilder canonical, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        canonical.Append('|').Append(CultureInfo.InvariantCulture, $"{length}").Append(':').Append(digits[..length]);
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
}
