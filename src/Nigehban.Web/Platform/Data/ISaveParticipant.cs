namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Work a module adds to every audited save, inside its transaction: statements derived from the
/// tracked changes (the dashboard's rollup upserts). They are sent last, in the one command that
/// carries the save's audit events (<see cref="UnitOfWorkCommand"/>, ADR-013), since rows other
/// writers share stay locked until the commit (ADR-018). A module registers its participant as a
/// singleton in its own <c>AddXxx()</c>; the context knows no module.
/// </summary>
public interface ISaveParticipant
{
    /// <summary>
    /// Raw SQL with <c>{n}</c> placeholders (as <c>ExecuteSqlRaw</c> takes them) for the context's
    /// tracked changes, or an empty list. Runs on every audited save: it must be cheap when nothing
    /// it cares about changed (no query, no allocation).
    /// </summary>
    IReadOnlyList<(string Sql, object[] Parameters)> PendingStatements(NigehbanDbContext db);

    /// <summary>
    /// The statements for new rows written in bulk, outside the change tracker
    /// (<see cref="NigehbanDbContext.SaveInBulkAsync{T}"/>, ADR-056): the same work as for tracked
    /// additions, for rows that were never tracked. Sent in the same transaction as the rows.
    /// </summary>
    IReadOnlyList<(string Sql, object[] Parameters)> StatementsForNewRows(NigehbanDbContext db, IReadOnlyList<object> rows);
}
