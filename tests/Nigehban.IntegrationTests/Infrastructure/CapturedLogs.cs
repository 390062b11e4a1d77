using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nigehban.IntegrationTests.Infrastructure;

/// <summary>
/// Records every log line the running app writes (message, scopes' values and exception) from the moment
/// it is attached until disposed, to assert what reaches the logs.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;
    private volatile bool _stopped;

    public static CapturedLogs Attach(NigehbanApp app)
    {
        var capture = new CapturedLogs();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _stopped = true;

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => !owner._stopped;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner._stopped)
            {
                return;
            }

            var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append($" {key}={value}");
                }
            }

            owner._scopes?.ForEachScope((scope, builder) => builder.Append($" [{scope}]"), line);
            line.Append(exception);
            owner._lines.Enqueue(line.ToString());
        }
    }
}
