using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <param name="Name">Optional: without it the chat is anonymous.</param>
/// <param name="Text">The first message, at most the pack's <c>messageMaxLength</c> characters.</param>
public sealed record StartChatCommand(string? Name, string? Text);

public sealed record ChatMessageCommand(string? Text);

/// <summary>A message as the citizen sees it: from her, or from the desk (no officer's name).</summary>
public sealed record CitizenMessageView(int Sequence, bool FromCitizen, DateTimeOffset At, string Text);

/// <summary>The conversation as the citizen sees it; <c>CaseOpened</c> says the desk opened a case from it.</summary>
public sealed record CitizenConversation(VirtualDeskChatStatus Status, DateTimeOffset StartedAt, bool Anonymous, bool CaseOpened, IReadOnlyList<CitizenMessageView> Messages);

/// <summary>A new chat: the resume code, shown once, and the conversation so far.</summary>
public sealed record StartedChat(string Code, CitizenConversation Conversation);

/// <summary>
/// The citizen's side of the virtual desk (ADR-070): start a chat without an account (a name only if
/// she gives one), read it and write to it with the resume code. An unknown, mistyped or malformed
/// code is one and the same 404, so an answer never hints whether a code exists. Messages are sealed
/// before they reach the context; after the desk opened a case, each message is added to the case's
/// sealed transcript in the same save.
/// </summary>
public sealed class TalkToTheDeskHandler(
    NigehbanDbContext db, ProtectionPack pack, UnitDirectory units, JurisdictionScope scope, TimeProvider clock, FieldCipher cipher,
    VirtualDeskSignals signals, ChatTranscript transcript)
{
    public async Task<StartedChat> StartAsync(StartChatCommand command, CancellationToken cancellationToken)
    {
        var desk = Desk();
        var name = TextFields.Optional(command?.Name, "name", 120);
        var text = MessageText(command?.Text, desk);
        var unit = pack.UnitOf(pack.Centre(desk.Centre)!, units);
        var now = clock.GetUtcNow();
        var code = ResumeCode.New();
        var chat = new VirtualDeskChat
        {
            Id = Guid.CreateVersion7(now),
            UnitCode = unit.Code,
            UnitPath = unit.Path,
            CodeHash = ResumeCode.HashOf(code)!,
            Anonymous = name is null,
            StartedAt = now,
            LastMessageAt = now,
        };
        chat.NameSealed = cipher.SealOptional(name, chat.NameContext);
        chat.Add(Guid.CreateVersion7(now), fromCitizen: true, null, m => cipher.Seal(text, m.TextContext), now);
        db.Add(chat);
        await db.SaveChangesAsync(cancellationToken);
        signals.Changed(chat);
        return new StartedChat(code, View(chat));
    }

    public async Task<CitizenConversation> ReadAsync(string? code, CancellationToken cancellationToken) =>
        View(await FindAsync(code, cancellationToken));

    public async Task<CitizenMessageView> PostAsync(string? code, ChatMessageCommand command, CancellationToken cancellationToken)
    {
        var desk = Desk();
        var chat = await FindAsync(code, cancellationToken);
        var text = MessageText(command?.Text, desk);
        var now = clock.GetUtcNow();
        EnsureNotFlooding(chat, desk, now);
        var message = chat.Add(Guid.CreateVersion7(now), fromCitizen: true, null, m => cipher.Seal(text, m.TextContext), now);
        await transcript.AppendAsync(chat, message, text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        signals.Changed(chat);
        return new CitizenMessageView(message.Sequence, true, message.At, text);
    }

    /// <summary>
    /// A flood of messages to one conversation (a script, or a phone gone wild) is refused: at most the
    /// pack's <c>messagesPerMinute</c> from the citizen in any minute, counted from the chat's own messages so
    /// every instance agrees (ADR-076). The refusal is 429 naming <c>text</c>; nothing is stored.
    /// </summary>
    internal static void EnsureNotFlooding(VirtualDeskChat chat, VirtualDeskSettings desk, DateTimeOffset now)
    {
        var since = now - TimeSpan.FromMinutes(1);
        if (chat.Messages.Count(m => m.FromCitizen && m.At > since) >= desk.MessagesPerMinute)
        {
            throw new TooManyRequestsException("text", ProtectionErrors.Text("Chat.TooFast", desk.MessagesPerMinute));
        }
    }

    private VirtualDeskSettings Desk()
    {
        ProtectionAccess.EnsureOffered(pack);
        return pack.VirtualDesk ?? throw new NotFoundException("virtual-desk", ProtectionErrors.Text("Chat.NotOffered"));
    }

    /// <summary>A message's text: required, at most the pack's limit; the refusal names <c>text</c> and repeats nothing.</summary>
    internal static string MessageText(string? text, VirtualDeskSettings desk)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ValidationFailedException("text", ProtectionErrors.Text("Chat.TextRequired"));
        }

        return trimmed.Length <= desk.MessageMaxLength
            ? trimmed
            : throw new ValidationFailedException("text", ProtectionErrors.Text("Chat.TextTooLong", desk.MessageMaxLength));
    }

    private async Task<VirtualDeskChat> FindAsync(string? code, CancellationToken cancellationToken)
    {
        Desk();
        var hash = ResumeCode.HashOf(code) ?? throw NoSuchChat();
        // The code is the citizen's key to one chat, as a reference with its national ID is to an application.
        scope.Unrestricted("a citizen's chat, selected by its resume code");
        return await db.Set<VirtualDeskChat>().Include(c => c.Messages).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.CodeHash == hash, cancellationToken) ?? throw NoSuchChat();
    }

    private static NotFoundException NoSuchChat() => new("code", ProtectionErrors.Text("Chat.NotFound"));

    private CitizenConversation View(VirtualDeskChat chat) => new(
        chat.Status, chat.StartedAt, chat.Anonymous, chat.CaseId is not null,
        [.. chat.Messages.OrderBy(m => m.Sequence).Select(m => new CitizenMessageView(m.Sequence, m.FromCitizen, m.At, cipher.Open(m.TextSealed, m.TextContext)))]);
}
