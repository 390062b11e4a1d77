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
}
