using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Notifications;

namespace Nigehban.IntegrationTests.Outbox;

/// <summary>
/// An app whose dispatcher polls and retries fast, with a test channel that fails twice per
/// message before it delivers (kind <see cref="FlakyKind"/>), and a kind routed to a channel that
/// does not exist.
/// </summary>
public abstract class OutboxApp : NigehbanApp
{
    public const string FlakyKind = "test-flaky";
    public const string MisroutedKind = "test-misrouted";

    public FlakyChannel Flaky { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        new Dictionary<string, string?>
        {
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:RetryDelay"] = "00:00:00.200",
            ["Outbox:MaxRetryDelay"] = "00:00:01",
            ["Notifications:Sms:Channel"] = "file",
            [$"Notifications:{FlakyKind}:Channel"] = FlakyChannel.Name,
            [$"Notifications:{MisroutedKind}:Channel"] = "no-such-gateway",
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<INotificationChannel>(FlakyChannel.Name, Flaky));
    }

    /// <summary>Fails the first two attempts at each message, then delivers it.</summary>
    public sealed class FlakyChannel : INotificationChannel
    {
        public const string Name = "flaky";

        private readonly ConcurrentDictionary<Guid, int> _calls = new();

        public ConcurrentBag<Guid> Delivered { get; } = [];

        public Task DeliverAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            var call = _calls.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            if (call <= 2)
            {
                throw new HttpRequestException($"simulated gateway failure {call}");
            }

            Delivered.Add(message.Id);
            return Task.CompletedTask;
        }
    }
}

public sealed class OutboxSqliteApp : OutboxApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class OutboxPostgresApp : OutboxApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
