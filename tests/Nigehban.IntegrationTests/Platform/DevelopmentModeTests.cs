using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>HSTS would pin a developer's localhost to HTTPS for a year, so Development never sends it.</summary>
public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task Hsts_IsNotSent_InDevelopment_EvenOverHttps()
    {
        await using var app = new DevelopmentApp();
        await app.InitializeAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://nigehban.example.test") });

        var response = await client.GetAsync("/api/v1/units/PB", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        app.Services.GetRequiredService<IWebHostEnvironment>().EnvironmentName.ShouldBe("Development");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
    }

    private sealed class DevelopmentApp() : ConfiguredApp(DatabaseProvider.Sqlite, "punjab", ("Demo:Seed", "false"))
    {
        protected override void ConfigureTestHost(IWebHostBuilder builder) => builder.UseEnvironment("Development");
    }
}
