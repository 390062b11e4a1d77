using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Outbox;

/// <summary>Message kinds the platform sends; each is routed to a channel by <c>Notifications:&lt;Kind&gt;:Channel</c>.</summary>
public static class OutboxKinds
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Alert = "alert";
    public const string Webhook = "webhook";
}

/// <summary>
/// A message written in the same transaction as the work that caused it and delivered afterwards
/// by <see cref="OutboxDispatcher"/>: if the work rolls back, the message never existed; if it
/// commits, the message is delivered at least once. Bookkeeping, so not audited row by row.
/// </summary>
public sealed class OutboxMessage : INotAudited
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public Guid Id { get; set; }

    /// <summary>"sms", "email", "alert"... (lower-case letters, digits, '-').</summary>
    public required string Kind { get; set; }

    /// <summary>Phone number, e-mail address, unit or endpoint, as the channel for <see cref="Kind"/> understands it.</summary>
    public required string Recipient { get; set; }

    /// <summary>The message itself as a JSON object; its shape belongs to the module that wrote it.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Delivery attempts started, counted when a dispatcher claims the message.</summary>
    public int Attempts { get; set; }

    /// <summary>When the message is next due; null once delivered or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The most recent failure (kept after a later success, as a record of the retry).</summary>
    public string? LastError { get; set; }

    public static OutboxMessage Create(string kind, string recipient, object payload, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > 32 || !kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"An outbox kind is 1-32 lower-case letters, digits or '-', not '{kind}'.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentNullException.ThrowIfNull(payload);
        var json = payload as string ?? JsonSerializer.Serialize(payload, payload.GetType(), PayloadJson);
        using (var document = JsonDocument.Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("An outbox payload is a JSON object.", nameof(payload));
            }
        }

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Recipient = recipient.Trim(),
            Payload = json,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(32);
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // Pending messages only: a delivered or given-up message (NextAttemptAt null) leaves the index,
        // so a claim does not step over every message ever sent to find the due ones.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("\"NextAttemptAt\" IS NOT NULL");
    }
}
