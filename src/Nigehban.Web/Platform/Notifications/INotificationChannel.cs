namespace Nigehban.Web.Platform.Notifications;

/// <summary>What a channel is given to deliver: an outbox message, without its bookkeeping.</summary>
/// <param name="Attempt">1 on the first attempt; a channel can use <paramref name="Id"/> to drop repeats.</param>
public sealed record NotificationMessage(Guid Id, string Kind, string Recipient, string PayloadJson, DateTimeOffset CreatedAt, int Attempt);

/// <summary>
/// A way of delivering messages: the local file (default), an SMS gateway, an SMTP server, a
/// webhook. Registered as a keyed service under its name and chosen per message kind by
/// configuration (<c>Notifications:Sms:Channel = file</c>). Throwing means "not delivered, try
/// again later"; returning means delivered.
/// </summary>
public interface INotificationChannel
{
    Task DeliverAsync(NotificationMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers a dispatcher pass's messages for this channel; per message, null when it went out
    /// or the failure. One by one unless the channel can do better (the file channel flushes the
    /// pass's lines to disk once). Cancellation is thrown, not returned.
    /// </summary>
    async Task<Exception?[]> DeliverAllAsync(IReadOnlyList<NotificationMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await DeliverAsync(messages[i], cancellationToken);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                outcomes[i] = e;
            }
        }

        return outcomes;
    }
}
