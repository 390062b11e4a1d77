using Microsoft.Data.Sqlite;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Npgsql;

namespace Nigehban.IntegrationTests.Cli;

/// <summary>
/// An instance a test arranged in-process over HTTP and then stopped (<see cref="NigehbanApp.StopAsync"/>):
/// verbs run on its data folder and database as separate processes, and the test reads the database
/// directly, as an operator's tools would, since no app is running to ask.
/// </summary>
public static class StoppedInstance
{
    /// <summary>A process of the app configured for the stopped instance's database, pack and data folder.</summary>
    public static AppProcess VerbsOn(NigehbanApp app)
    {
        var process = new AppProcess();
        process.Environment["Database__Provider"] = app.Provider.ToString();
        process.Environment["Database__ConnectionString"] = app.ConnectionString;
        process.Environment["Storage__DataDirectory"] = app.DataDirectory;
        process.Environment["Force"] = app.Force;
        return process;
    }

    /// <summary>Each row of <paramref name="sql"/> as its columns joined by '|'.</summary>
    public static async Task<List<string>> RowsAsync(NigehbanApp app, string sql)
    {
        await using var connection = app.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(app.ConnectionString + ";Pooling=False")
            : (System.Data.Common.DbConnection)new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
