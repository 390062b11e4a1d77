using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

public enum VirtualDeskChatStatus
{
    /// <summary>No officer has answered yet.</summary>
    Waiting,

    /// <summary>An officer answered and holds the chat.</summary>
    Answered,

    /// <summary>The officer turned the chat into a protection case; the chat goes on, its transcript kept in the case.</summary>
    CaseOpened,
}

/// <summary>
/// A conversation between a citizen and the virtual desk (ADR-070). Owned by the desk's centre unit
/// (the jurisdiction filter applies). The citizen holds no account: only the SHA-256 of her resume
/// code is stored, so the database alone does not let anyone into the conversation. Every message,
/// and the name she may give, is sealed with the field cipher. The first officer to answer holds the
/// chat; the time of that answer against the pack's target is kept for the dashboard.
/// </summary>
public sealed class VirtualDeskChat : IUnitOwned
{
    /// <summary>More messages than anyone types in one conversation; a guard against a script filling the table.</summary>
    public const int MaxMessages = 500;

    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string CodeHash { get; set; }
    public bool Anonymous { get; set; }
    public string? NameSealed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    public VirtualDeskChatStatus Status { get; private set; } = VirtualDeskChatStatus.Waiting;
    public DateTimeOffset? FirstAnsweredAt { get; private set; }
    public bool? AnsweredWithinTarget { get; private set; }
    public Guid? OfficerAccountId { get; private set; }
    public string? OfficerUserName { get; private set; }
    public Guid? CaseId { get; private set; }
    public string? CaseReference { get; private set; }
    public int MessageCount { get; set; }
    public int Version { get; set; }

    public List<VirtualDeskMessage> Messages { get; set; } = [];

    public string NameContext => $"virtual-desk-chat/{Id}/name";

    /// <summary>Adds a message (its text sealed by the caller under the message's context).</summary>
    public VirtualDeskMessage Add(Guid messageId, bool fromCitizen, string? officer, Func<VirtualDeskMessage, string> seal, DateTimeOffset at)
    {
        if (MessageCount >= MaxMessages)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Chat.Full", MaxMessages));
        }

        var message = new VirtualDeskMessage { Id = messageId, ChatId = Id, Sequence = MessageCount + 1, FromCitizen = fromCitizen, OfficerUserName = officer, At = at, TextSealed = "" };
        message.TextSealed = seal(message);
        Messages.Add(message);
        MessageCount++;
        LastMessageAt = at;
        Version++;
        return message;
    }

    /// <summary>The first officer to answer holds the chat; the answer time against the target is kept once.</summary>
    public void AnsweredBy(Guid accountId, string userName, DateTimeOffset at, TimeSpan target)
    {
        if (OfficerAccountId is null)
        {
            OfficerAccountId = accountId;
            OfficerUserName = userName;
            FirstAnsweredAt = at;
            AnsweredWithinTarget = at - StartedAt <= target;
            Status = VirtualDeskChatStatus.Answered;
        }
    }

    /// <summary>A chat becomes a case once (409 after).</summary>
    public void EnsureNoCase()
    {
        if (CaseId is not null)
        {
            throw new RuleViolationException(ProtectionErrors.Text("Chat.CaseAlready"));
        }
    }

    public void CaseOpened(Guid caseId, string reference, Guid accountId, string userName, DateTimeOffset at, TimeSpan target)
    {
        EnsureNoCase();
        AnsweredBy(accountId, userName, at, target);
        CaseId = caseId;
        CaseReference = reference;
        Status = VirtualDeskChatStatus.CaseOpened;
        Version++;
    }
}

/// <summary>One message of a chat; its text sealed (it may say who she is and where).</summary>
public sealed class VirtualDeskMessage
{
    public Guid Id { get; set; }
    public Guid ChatId { get; set; }
    public int Sequence { get; set; }
    public bool FromCitizen { get; set; }
    public string? OfficerUserName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string TextSealed { get; set; }

    public string TextContext => $"virtual-desk-message/{Id}/text";
}

internal sealed class VirtualDeskChatConfiguration : IEntityTypeConfiguration<VirtualDeskChat>
{
    public void Configure(EntityTypeBuilder<VirtualDeskChat> builder)
    {
        builder.ToTable("virtual_desk_chats");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.UnitCode).HasMaxLength(40);
        builder.Property(c => c.UnitPath).HasMaxLength(400);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => c.CodeHash).IsUnique();
        builder.Property(c => c.NameSealed).HasMaxLength(SealedLength.Of(120));
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OfficerUserName).HasMaxLength(100);
        builder.Property(c => c.CaseReference).HasMaxLength(32);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.NameContext);
        builder.HasIndex(c => new { c.UnitPath, c.Status, c.StartedAt });
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VirtualDeskMessageConfiguration : IEntityTypeConfiguration<VirtualDeskMessage>
{
    public void Configure(EntityTypeBuilder<VirtualDeskMessage> builder)
    {
        builder.ToTable("virtual_desk_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.OfficerUserName).HasMaxLength(100);
        builder.Property(m => m.TextSealed).HasMaxLength(SealedLength.Of(VirtualDeskSettings.LongestMessageAllowed));
        builder.Ignore(m => m.TextContext);
        builder.HasIndex(m => new { m.ChatId, m.Sequence }).IsUnique();
    }
}
