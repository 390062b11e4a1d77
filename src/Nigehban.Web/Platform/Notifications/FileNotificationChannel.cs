using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Platform.Notifications;

/// <summary>
/// The default channel: appends one JSON line per message to <c>data/outbox/&lt;kind&gt;.jsonl</c>
/// (<c>sms.jsonl</c>, <c>email.jsonl</c>), so the whole flow runs with no gateway and tests and
/// demos can read what would have been sent.
/// </summary>
public sealed class FileNotificationChannel(StorageOptions storage, TimeProvider clock) : INotificationChannel
{
    public const string Name = "file";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fileLocks = new(StringComparer.Ordinal);

    public string PathFor(string kind) => storage.Resolve("outbox", $"{kind}.jsonl");

    public Task DeliverAsync(NotificationMessage message, CancellationToken cancellationToken) =>
        AppendAsync(message.Kind, Lines([message], clock.GetUtcNow()), cancellationToken);

    /// <summary>A pass's lines appended per file and flushed to disk once, not once per message.</summary>
    public async Task<Exception?[]> DeliverAllAsync(IReadOnlyList<NotificationMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[messages.Count];
        var now = clock.GetUtcNow();
        foreach (var kind in messages.Select((m, i) => (m, i)).GroupBy(x => x.m.Kind, StringComparer.Ordinal))
        {
            try
            {
                await AppendAsync(kind.Key, Lines(kind.Select(x => x.m), now), cancellationToken);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                foreach (var (_, i) in kind)
                {
                    outcomes[i] = e;
                }
            }
        }

        return outcomes;
    }

    private async Task AppendAsync(string kind, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var path = PathFor(kind);
        var fileLock = _fileLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await fileLock.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Whole lines, flushed to disk before the messages count as delivered.
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
            await stream.WriteAsync(lines, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            fileLock.Release();
        }
    }

    /// <summary>The messages as JSON lines, in one buffer: one writer for a pass, not a stream and a writer per message.</summary>
    private static ReadOnlyMemory<byte> Lines(IEnumerable<NotificationMessage> messages, DateTimeOffset writtenAt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer);
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteString("id", message.Id);
            json.WriteString("kind", message.Kind);
            json.WriteString("recipient", message.Recipient);
            json.WritePropertyName("payload");
            json.WriteRawValue(message.PayloadJson);
            json.WriteString("createdAt", message.CreatedAt);
            json.WriteString("writtenAt", writtenAt);
            json.WriteNumber("attempt", message.Attempt);
            json.WriteEndObject();
            json.Flush();
            buffer.Write("\n"u8);
            json.Reset();
        }

        return buffer.WrittenMemory;
    }
}
