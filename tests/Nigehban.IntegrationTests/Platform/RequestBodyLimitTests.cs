using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// Bodies over 1 MB are refused with 413 ProblemDetails. The limit is Kestrel's (the in-memory
/// test server has none), so these tests run the app on a real Kestrel port.
/// </summary>
public sealed class RequestBodyLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OversizedBody_Returns413ProblemDetails()
    {
        await using var app = new KestrelApp();
        var json = "{\"userName\": \"" + new string('a', 1_100_000) + "\", \"password\": \"x\", \"otp\": \"1\"}";

        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("field").GetString().ShouldBe("body");
    }

    [Fact]
    public async Task OversizedChunkedBody_Returns413ProblemDetails()
    {
        await using var app = new KestrelApp();
        var json = "{\"userName\": \"" + new string('a', 1_100_000) + "\", \"password\": \"x\", \"otp\": \"1\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.CreateClient().SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task BodyJustUnderLimit_IsRead()
    {
        await using var app = new KestrelApp();
        var json = "{\"userName\": \"" + new string('a', 1_000_000) + "\", \"password\": \"x\", \"otp\": \"1\"}";

        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        // Read, and refused as a failed sign-in rather than as too large.
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The app on a real Kestrel port with its own SQLite database and no demo data.</summary>
    private sealed class KestrelApp : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nigehban-tests", Guid.NewGuid().ToString("N"));

        public KestrelApp()
        {
            UseKestrel(0);
            StartServer();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Storage:DataDirectory", _dataDirectory);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("RateLimiting:AnonymousPermitPerMinute", "100000");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDirectory.DeleteQuietly(_dataDirectory);
        }
    }
}
