using System.Text.Json;
using Nigehban.Web.Platform.Notifications;
using Nigehban.Web.Platform.Storage;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

/// <summary>The file channel delivers a dispatcher pass at once: every line written whole, in order, per kind.</summary>
public sealed class FileNotificationChannelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nigehban-channel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FileNotificationChannel Channel() => new(new StorageOptions { DataDirectory = _folder }, TimeProvider.System);

    private static NotificationMessage Message(string kind, string text) =>
        new(Guid.CreateVersion7(), kind, "+920000000000", JsonSerializer.Serialize(new { text }), DateTimeOffset.UtcNow, 1);

    [Fact]
    public async Task DeliverAll_AppendsEveryMessage_ToItsKindsFile_InOrder()
    {
        var channel = Channel();
        await channel.DeliverAsync(Message("sms", "before"), TestContext.Current.CancellationToken);
        NotificationMessage[] pass = [Message("sms", "one"), Message("email", "two"), Message("sms", "three")];

        var outcomes = await channel.DeliverAllAsync(pass, TestContext.Current.CancellationToken);

        outcomes.ShouldAllBe(o => o == null);
        var sms = (await File.ReadAllLinesAsync(channel.PathFor("sms"), TestContext.Current.CancellationToken))
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        sms.Select(l => l.GetProperty("payload").GetProperty("text").GetString()).ShouldBe(["before", "one", "three"]);
        sms.Skip(1).Select(l => l.GetProperty("id").GetGuid()).ShouldBe([pass[0].Id, pass[2].Id]);
        var email = await File.ReadAllLinesAsync(channel.PathFor("email"), TestContext.Current.CancellationToken);
        email.Single().ShouldContain(pass[1].Id.ToString());
    }

    [Fact]
    public async Task DeliverAll_WritesExactlyOneJsonObjectALine_EscapedAsAWriterWithDefaultOptionsDoes()
    {
        // Byte for byte what the channel wrote when each message had a writer of its own: readers
        // of these files (tests, demos) must not see a difference. The payload is already JSON and
        // goes in as it is; text values are escaped by the default encoder.
        var writtenAt = new DateTimeOffset(2026, 1, 5, 10, 5, 0, TimeSpan.Zero);
        var channel = new FileNotificationChannel(new StorageOptions { DataDirectory = _folder }, new FixedClock(writtenAt));
        var createdAt = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        NotificationMessage[] pass =
        [
            new(Guid.Parse("0193a0b4-0000-7000-8000-0000000000aa"), "sms", "+92 300 <1>", """{"text":"درخواست <b>"}""", createdAt, 1),
            new(Guid.Parse("0193a0b4-0000-7000-8000-0000000000bb"), "sms", "0300", """{"text":"two"}""", createdAt, 2),
        ];

        await channel.DeliverAllAsync(pass, TestContext.Current.CancellationToken);

        var expected =
            """{"id":"0193a0b4-0000-7000-8000-0000000000aa","kind":"sms","recipient":"\u002B92 300 \u003C1\u003E","payload":{"text":"درخواست <b>"},"createdAt":"2026-01-05T10:00:00+00:00","writtenAt":"2026-01-05T10:05:00+00:00","attempt":1}"""
            + "\n"
            + """{"id":"0193a0b4-0000-7000-8000-0000000000bb","kind":"sms","recipient":"0300","payload":{"text":"two"},"createdAt":"2026-01-05T10:00:00+00:00","writtenAt":"2026-01-05T10:05:00+00:00","attempt":2}"""
            + "\n";
        (await File.ReadAllBytesAsync(channel.PathFor("sms"), TestContext.Current.CancellationToken)).ShouldBe(System.Text.Encoding.UTF8.GetBytes(expected));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task DeliverAll_FailsOnlyTheKindWhoseFileCannotBeWritten()
    {
        var channel = Channel();
        Directory.CreateDirectory(channel.PathFor("email")); // a folder where the file should be
        NotificationMessage[] pass = [Message("sms", "one"), Message("email", "two"), Message("email", "three")];

        var outcomes = await channel.DeliverAllAsync(pass, TestContext.Current.CancellationToken);

        outcomes[0].ShouldBeNull();
        outcomes[1].ShouldNotBeNull();
        outcomes[2].ShouldNotBeNull();
        (await File.ReadAllLinesAsync(channel.PathFor("sms"), TestContext.Current.CancellationToken)).Single().ShouldContain(pass[0].Id.ToString());
    }
}
