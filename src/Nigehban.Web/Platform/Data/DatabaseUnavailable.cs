using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Tells a database that cannot be reached (or cannot take the work just now) from a fault in the
/// request or the code: the first is a 503 the client may retry, the second stays a 500.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait (the <c>Retry-After</c> header) before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    public static bool Is(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Connection refused, reset or timed out; the server shutting down or out of connections.
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InvalidCatalogName
                        or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.DiskFull:
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { InnerException: SocketException or TimeoutException or IOException }:
                case NpgsqlException { IsTransient: true }:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen:
                    return true;
                case SqliteException:
                    return false;
                default:
                    break;
            }
        }

        return false;
    }
}
