using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>A replayed Idempotency-Key is an expected outcome: it logs nothing at Error (it used to log a stack trace each time).</summary>
public abstract class ReplayLoggingTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Replays_LogNoError()
    {
        var ct = TestContext.Current.CancellationToken;
        var errors = new ConcurrentQueue<string>();
        await using var app = new LoggedApp(Provider, errors);
        await app.InitializeAsync();
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var application = Application(NewCnic());

        // Alone and raced together, so that replays meet the key's unique index inside a group too.
        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(application) };
                request.Headers.Add("Idempotency-Key", key);
                return (await client.SendAsync(request, ct)).StatusCode;
            }, ct)));
            answers.ShouldAllBe(status => status == HttpStatusCode.Created);
        }

        errors.ShouldBeEmpty();
    }

    private sealed class LoggedApp(DatabaseProvider provider, ConcurrentQueue<string> errors) : ConfiguredApp(provider)
    {
        protected override void ConfigureTestHost(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new ErrorCollector(errors)));
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                errors.Enqueue($"{logLevel} {formatter(state, exception)} {exception?.GetType().Name}");
            }
        }

        public void Dispose()
        {
        }
    }
}

public sealed class ReplayLoggingTests_Sqlite : ReplayLoggingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ReplayLoggingTests_Postgres : ReplayLoggingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
