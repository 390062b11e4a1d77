namespace Nigehban.Web.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Database</c>: <c>Database__Provider</c>, <c>Database__ConnectionString</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to <c>Data Source=data/nigehban.db</c> for SQLite; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }
}
