using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Npgsql;
using OtpNet;

namespace Nigehban.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over HTTP on a real database: a temporary SQLite file, or a fresh database on the
/// private PostgreSQL cluster the test command starts (connection in NIGEHBAN_TEST_POSTGRES).
/// Each instance has its own data folder, so demo logins, keys and outbox files never mix.
/// </summary>
public abstract class NigehbanApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected NigehbanApp()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "nigehban-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public abstract DatabaseProvider Provider { get; }

    public string DataDirectory { get; }

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The force pack to start on; a derived app can choose another.</summary>
    public virtual string Force => "punjab";

    /// <summary>Extra configuration for a derived app (a shorter idle timeout, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public IReadOnlyList<DemoAccount> DemoAccounts =>
        JsonSerializer.Deserialize<List<DemoAccount>>(File.ReadAllText(Path.Combine(DataDirectory, "demo-accounts.json")), Json)!;

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(DataDirectory, "nigehban.db")}"
            : await TestPostgres.CreateDatabaseAsync();
        await BeforeStartAsync();
        _ = Server; // starts the host: migrations, units and demo data
    }

    /// <summary>Runs on the empty database before the host starts (to arrange a database from an older version, say).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>
    /// Stops the app as an operator stops the server, keeping its database and data folder, so a
    /// test can run verbs on them as separate processes. Disposing it later removes both.
    /// </summary>
    public async ValueTask StopAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres && ConnectionString.Length > 0)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
        }

        TestDirectory.DeleteQuietly(DataDirectory);

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Force", Force);
        builder.UseSetting("Demo:Seed", "true");
        // A year of demo history (ADR-038) would change every count the tests assert; a test that wants it says so.
        builder.UseSetting("Demo:History", "false");
        builder.UseSetting("RateLimiting:AnonymousPermitPerMinute", "100000");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    public DemoAccount Demo(string userName) => DemoAccounts.Single(a => a.UserName == userName);

    public static string CurrentOtp(string base32Secret) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp();

    /// <summary>An HTTP client carrying a bearer token for the demo account.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var account = Demo(userName);
        return await SignInAsync(account.UserName, account.Password, account.TotpSecret);
    }

    public async Task<HttpClient> SignInAsync(string userName, string password, string totpSecret)
    {
        // A TOTP code works once (no replay), and the tests sign the same demo users in many times
        // within one 30-second step: the first sign-in's bearer token is shared. Tests that end a
        // session, disable or reset an account use accounts of their own, never these tokens.
        var now = DateTimeOffset.UtcNow;
        var entry = _tokens.AddOrUpdate(
            userName,
            _ => new CachedToken(new Lazy<Task<string>>(() => RequestTokenAsync(userName, password, totpSecret)), now),
            (_, cached) => cached.IsStale(now)
                ? new CachedToken(new Lazy<Task<string>>(() => RequestTokenAsync(userName, password, totpSecret)), now)
                : cached with { HandedOutAt = now });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await entry.Token.Value);
        return client;
    }

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// A shared token, replaced when its sign-in failed or when it was last handed out so long ago
    /// that the 30-minute idle limit may have ended it (a fresh sign-in then is in a later step).
    /// </summary>
    private sealed record CachedToken(Lazy<Task<string>> Token, DateTimeOffset HandedOutAt)
    {
        public bool IsStale(DateTimeOffset now) =>
            now - HandedOutAt > TimeSpan.FromMinutes(20) || (Token.IsValueCreated && Token.Value.IsFaulted);
    }

    private async Task<string> RequestTokenAsync(string userName, string password, string totpSecret)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password, otp = CurrentOtp(totpSecret) });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        return token.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Seals every committed audit event now, as the app's sealer does a moment after each commit (ADR-011).</summary>
    public Task<int> SealPendingAsync() =>
        Services.GetRequiredService<Nigehban.Web.Platform.Audit.AuditSealer>().SealPendingAsync(CancellationToken.None);

    /// <summary>A DbContext on the app's database with the jurisdiction filter lifted, for arranging and asserting.</summary>
    public async Task<T> WithDbAsync<T>(Func<NigehbanDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test arrangement");
        return await work(scope.ServiceProvider.GetRequiredService<NigehbanDbContext>());
    }

    /// <inheritdoc cref="WithDbAsync{T}(Func{NigehbanDbContext, Task{T}})"/>
    public Task WithDbAsync(Func<NigehbanDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });
}

public sealed class SqliteApp : NigehbanApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : NigehbanApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Creates and drops throw-away databases on the private cluster started by the test command.</summary>
public static class TestPostgres
{
    public const string Variable = "NIGEHBAN_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException(
            $"{Variable} is not set. Run the tests with scripts/test.sh, which starts a private PostgreSQL cluster and sets it.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "nigehban_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
