using System.Text.Json;
using Nigehban.Web.Platform.Outbox;
using Shouldly;

namespace Nigehban.UnitTests.Outbox;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_SerialisesThePayload_AndIsDueAtOnce()
    {
        var message = OutboxMessage.Create(OutboxKinds.Sms, " +923001234567 ", new { Reference = "PKM-LHR-26-004213-8", Text = "Received" }, Now);

        message.Recipient.ShouldBe("+923001234567");
        JsonDocument.Parse(message.Payload).RootElement.GetProperty("reference").GetString().ShouldBe("PKM-LHR-26-004213-8");
        message.NextAttemptAt.ShouldBe(Now);
        message.Attempts.ShouldBe(0);
        message.DeliveredAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("SMS")]
    [InlineData("sms/../../etc")]
    [InlineData("a-kind-name-that-is-far-too-long-to-be-a-file")]
    public void Create_RejectsKindsThatAreNotSafeNames(string kind)
    {
        Should.Throw<ArgumentException>(() => OutboxMessage.Create(kind, "x", new { }, Now));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{not json")]
    public void Create_RejectsPayloadsThatAreNotJsonObjects(string payload)
    {
        Should.Throw<Exception>(() => OutboxMessage.Create(OutboxKinds.Email, "someone@example.org", payload, Now));
    }

    [Fact]
    public void RetryDelay_DoublesAfterEachFailure_UpToTheCap()
    {
        var options = new OutboxOptions { RetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        options.RetryDelayAfter(1).ShouldBe(TimeSpan.FromSeconds(10));
        options.RetryDelayAfter(2).ShouldBe(TimeSpan.FromSeconds(20));
        options.RetryDelayAfter(5).ShouldBe(TimeSpan.FromSeconds(160));
        options.RetryDelayAfter(6).ShouldBe(TimeSpan.FromMinutes(5));
        options.RetryDelayAfter(1000).ShouldBe(TimeSpan.FromMinutes(5));
    }
}
