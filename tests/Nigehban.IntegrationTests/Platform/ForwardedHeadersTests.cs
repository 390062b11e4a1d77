using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// Behind a reverse proxy, rate limits and HSTS work on the client's address and scheme as the
/// proxy reports them, and only a trusted proxy is believed.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RateLimit_CountsEachForwardedClientSeparately_BehindTrustedProxy()
    {
        await using var app = new ProxiedApp(IPAddress.Loopback);
        await app.InitializeAsync();
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await GetAsync(client, "203.0.113.7")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await GetAsync(client, "203.0.113.7")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await GetAsync(client, "203.0.113.8")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_IgnoresForwardedAddress_FromUntrustedSource()
    {
        await using var app = new ProxiedApp(IPAddress.Parse("198.51.100.20"));
        await app.InitializeAsync();
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await GetAsync(client, $"203.0.113.{i + 1}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // A client that invents a new X-Forwarded-For each time is still one client.
        (await GetAsync(client, "203.0.113.99")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Hsts_IsSent_WhenTrustedProxyTerminatedHttps()
    {
        await using var app = new ProxiedApp(IPAddress.Loopback);
        await app.InitializeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://nigehban.example.test/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await app.CreateClient().SendAsync(request, Ct);

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000");
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units/PB");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>An app whose every connection comes from <paramref name="peer"/>, as if through a proxy.</summary>
    private sealed class ProxiedApp(IPAddress peer)
        : ConfiguredApp(DatabaseProvider.Sqlite, "punjab", ("Demo:Seed", "false"), ("RateLimiting:AnonymousPermitPerMinute", "3"))
    {
        protected override void ConfigureTestHost(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new PeerAddressFilter(peer)));

        private sealed class PeerAddressFilter(IPAddress peer) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = peer;
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
