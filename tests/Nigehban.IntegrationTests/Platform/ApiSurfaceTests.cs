using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>The documented surface every deployment has: OpenAPI, Scalar, health, metrics, security headers.</summary>
public abstract class ApiSurfaceTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiDocument_IsJsonListingTheUnitsApi()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Ct));
        document.GetProperty("openapi").GetString().ShouldNotBeNullOrEmpty();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/units");
        paths.ShouldContain("/api/v1/units/{code}");
        paths.ShouldContain("/api/v1/auth/token");
    }

    [Fact]
    public async Task Scalar_ServesApiReferencePage_WithItsScriptFromThisHost()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/scalar", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("openapi/v1.json");
        html.ShouldNotContain("cdn.", Case.Insensitive); // no network is assumed: the script is served locally
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain("unsafe-eval");
        (await client.GetAsync("/scalar/scalar.js", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HealthLive_Returns200()
    {
        var response = await app.CreateClient().GetAsync("/health/live", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HealthReady_Returns200_WhenDatabaseIsMigrated()
    {
        var response = await app.CreateClient().GetAsync("/health/ready", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Metrics_ExposesHttpServerMetrics_InPrometheusFormat()
    {
        var client = app.CreateClient();
        (await client.GetAsync("/api/v1/units/PB", Ct)).EnsureSuccessStatusCode();

        // The exporter caches a scrape for a short while; a request made just before may need one more scrape.
        var text = string.Empty;
        for (var attempt = 0; attempt < 20 && !text.Contains("aspnetcore_rate_limiting_requests", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 200, Ct);
            var response = await client.GetAsync("/metrics", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            text = await response.Content.ReadAsStringAsync(Ct);
        }

        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        text.ShouldContain("http_route=\"/api/v1/units/{code}\"");
        text.ShouldContain("# TYPE aspnetcore_rate_limiting_requests_total counter");
    }

    [Theory]
    [InlineData("/api/v1/units")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/")]
    public async Task Responses_CarrySecurityHeaders(string path)
    {
        var response = await app.CreateClient().GetAsync(path, Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Hsts_IsSentOverHttps_OutsideDevelopment()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://nigehban.example.test") });

        var response = await client.GetAsync("/api/v1/units/PB", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task Hsts_IsNotSentOverPlainHttp()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://nigehban.example.test") });

        var response = await client.GetAsync("/api/v1/units/PB", Ct);

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}

public sealed class ApiSurfaceTests_Sqlite(SqliteApp app) : ApiSurfaceTests(app);

public sealed class ApiSurfaceTests_Postgres(PostgresApp app) : ApiSurfaceTests(app);
