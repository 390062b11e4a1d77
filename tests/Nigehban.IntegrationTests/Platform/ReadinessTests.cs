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

    /// <summary>Leaves the app with a database it cannot open at all.</summary>
    protected virtual Task MakeDatabaseUnreachableAsync(ConfiguredApp app) => RemoveDatabaseAsync(app);

    [Fact]
    public async Task ApiRequest_Returns503ProblemWithRetryAfter_WhenDatabaseUnreachable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(Provider, settings: ("Demo:Seed", "false"));
        var client = app.CreateClient();

        await MakeDatabaseUnreachableAsync(app);

        var response = await client.PostAsync("/api/v1/auth/token",
            new StringContent("""{"userName": "nobody", "password": "not-a-password", "otp": "123456"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("database");
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThan(0);

        var ready = await client.GetAsync("/health/ready", ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        ready.Headers.RetryAfter.ShouldNotBeNull();
        (await ready.Content.ReadAsStringAsync(ct)).ShouldContain("database unreachable");
    }

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

    /// <summary>A folder where the database file was: SQLite cannot open (or create) it.</summary>
    protected override async Task MakeDatabaseUnreachableAsync(ConfiguredApp app)
    {
        for (var attempt = 1; ; attempt++)
        {
            await RemoveDatabaseAsync(app);
            try
            {
                Directory.CreateDirectory(Path.Combine(app.DataDirectory, "nigehban.db"));
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                // One of the app's background jobs (the sealer, the outbox) opened the database between
                // the delete and the folder, and so created an empty file there again: once more.
            }
        }
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
