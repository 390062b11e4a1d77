using System.Net;
using Microsoft.Data.Sqlite;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>/health/ready tells a load balancer to stop sending traffic when the database is gone; /health/live stays up.</summary>
public abstract class ReadinessTests
{
    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Takes the app's database away underneath the running app.</summary>
    protected abstract Task RemoveDatabaseAsync(ConfiguredApp app);

    [Fact]
    public async Task HealthReady_Returns503_WhenDatabaseIsGone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(Provider, settings: ("Demo:Seed", "false"));
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await RemoveDatabaseAsync(app);

        (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class ReadinessTests_Sqlite : ReadinessTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task RemoveDatabaseAsync(ConfiguredApp app)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.DataDirectory, "nigehban.db*"))
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// SQLite opens (or creates) whatever file is at the path: a database that answers but lacks
    /// this build's schema must not count as ready.
    /// </summary>
    [Fact]
    public async Task HealthReady_Returns503_WhenDatabaseFileReplacedByEmptyOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(Provider, settings: ("Demo:Seed", "false"));
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await RemoveDatabaseAsync(app);
        await using (var empty = new SqliteConnection(app.ConnectionString))
        {
            await empty.OpenAsync(ct);
        }

        File.Exists(Path.Combine(app.DataDirectory, "nigehban.db")).ShouldBeTrue();
        (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}

public sealed class ReadinessTests_Postgres : ReadinessTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task RemoveDatabaseAsync(ConfiguredApp app) => TestPostgres.DropDatabaseAsync(app.ConnectionString);
}
