using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nigehban.Web.Platform.Audit;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// One command per unit of work (ADR-013): the rows a save leaves to raw SQL (array inserts), its
/// audit events and the statements of its save participants (rollups) go to the database in one
/// round trip, in the save's transaction, instead of one round trip each.
/// </summary>
internal static class UnitOfWorkCommand
{
    /// <summary>Rows per INSERT statement: well under SQLite's limit of 32,766 parameters.</summary>
    private const int RowsPerStatement = 500;

    /// <summary>
    /// Called at the end of a unit of work, inside its transaction, after the business rows are
    /// written. Inserts the pending audit events, with the other statements of the unit of work, and
    /// nothing else: no lock and no read of the chain, so audited writes do not wait for each other.
    /// <see cref="AuditSealer"/> links the events into the chain after they commit.
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
    internal static async Task SendAsync(NigehbanDbContext db, AuditTrail trail,
        IReadOnlyList<(string Sql, object[] Parameters)> before, IReadOnlyList<(string Sql, object[] Parameters)> after, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit events are written only inside the transaction of the work they describe.");
        var table = AuditTable.Of(db);
        var pending = trail.Pending;
        if (!db.IsPostgres)
        {
            await SendSeparatelyAsync(db, table, pending, before, after, transaction, cancellationToken);
            trail.MarkWritten();
            return;
        }

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

    /// <summary>
    /// SQLite runs in the process: there is no round trip to save. A command of several statements
    /// would instead cost it dearly, since it offers every parameter of the command to each statement,
    /// each by a name lookup that is linear in the statement's parameters: a large unit of work (a
    /// bulk load of thousands of rows and rollups) then took minutes. One command per statement, in
    /// the same transaction and the same order.
    /// </summary>
    private static async Task SendSeparatelyAsync(NigehbanDbContext db, AuditTable table, IReadOnlyList<AuditEvent> pending,
        IReadOnlyList<(string Sql, object[] Parameters)> before, IReadOnlyList<(string Sql, object[] Parameters)> after,
        System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (sql, parameters) in before)
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }

        for (var offset = 0; offset < pending.Count; offset += RowsPerStatement)
        {
            var (sql, parameters) = table.BuildInsert([.. pending.Skip(offset).Take(RowsPerStatement)], transaction.Connection!);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }

        foreach (var (sql, parameters) in after)
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
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
}
