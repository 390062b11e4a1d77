using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Tells whether a failed save was refused by one particular unique index, on either provider, so
/// that a handler can treat that one refusal as an expected outcome (an idempotent replay, say)
/// and let every other failure, another unique index included, propagate.
/// </summary>
public static class UniqueViolations
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const string SqliteUniqueMessage = "UNIQUE constraint failed: ";

    /// <summary>The index of <typeparamref name="TEntity"/> on exactly these properties, in this order.</summary>
    public static IIndex IndexOf<TEntity>(DbContext db, params string[] properties) =>
        db.Model.FindEntityType(typeof(TEntity))!.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual(properties));

    public static bool IsOn(DbUpdateException failure, IIndex index) => failure.InnerException switch
    {
        // PostgreSQL names the index that refused the row.
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == index.GetDatabaseName(),
        // SQLite names the table and columns instead: "UNIQUE constraint failed: t.a, t.b".
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique
            && FailedColumns(sqlite.Message) == ColumnsOf(index),
        _ => false,
    };

    private static string? FailedColumns(string message)
    {
        var start = message.IndexOf(SqliteUniqueMessage, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += SqliteUniqueMessage.Length;
        var end = message.IndexOf('\'', start);
        return end < 0 ? message[start..] : message[start..end];
    }

    private static string ColumnsOf(IIndex index)
    {
        var entity = index.DeclaringEntityType;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return string.Join(", ", index.Properties.Select(p => $"{table.Name}.{p.GetColumnName(table)}"));
    }
}
