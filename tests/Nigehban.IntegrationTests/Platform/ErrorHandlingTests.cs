using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Failures the app did not foresee still answer with ProblemDetails, never with a stack trace.</summary>
public sealed class ErrorHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/test/throw")]
    [InlineData("/test/throw")]
    public async Task UnhandledException_Returns500ProblemDetails_WithoutStackTrace(string path)
    {
        await using var app = new ThrowingApp();
        await app.InitializeAsync();

        var response = await app.CreateClient().GetAsync(path, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        body.ShouldNotContain(ThrowingApp.Secret);
        body.ShouldNotContain(nameof(ThrowingApp));
        body.ShouldNotContain(".cs:line");
    }

    [Fact]
    public async Task UnhandledException_Returns500ProblemDetails_ForBrowserRequests()
    {
        await using var app = new ThrowingApp();
        await app.InitializeAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.GetAsync("/test/throw", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldNotContain(ThrowingApp.Secret);
        body.ShouldNotContain("   at ");
    }

    /// <summary>An app with one extra path that throws, added behind the real pipeline by a startup filter.</summary>
    private sealed class ThrowingApp() : ConfiguredApp(DatabaseProvider.Sqlite, "punjab", ("Demo:Seed", "false"))
    {
        public const string Secret = "connection-string-password-that-must-not-leak";

        protected override void ConfigureTestHost(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowingPathFilter>());

        private sealed class ThrowingPathFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                // Reached only when no endpoint matched, i.e. inside the app's own exception handling.
                app.Run(context => context.Request.Path.Value!.EndsWith("/test/throw", StringComparison.Ordinal)
                    ? throw new InvalidOperationException(Secret)
                    : Task.CompletedTask);
            };
        }
    }
}
