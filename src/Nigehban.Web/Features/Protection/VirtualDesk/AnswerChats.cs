using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Protection.OpenCase;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <summary>A chat in the desk's list: never a word of it, nor the name.</summary>
public sealed record ChatSummary(
    Guid Id, VirtualDeskChatStatus Status, DateTimeOffset StartedAt, DateTimeOffset LastMessageAt, int Messages, bool Anonymous,
    string? Officer, string? CaseReference);

public sealed record DeskMessageView(int Sequence, bool FromCitizen, string? Officer, DateTimeOffset At, string Text);

public sealed record ChatDetail(
    Guid Id, VirtualDeskChatStatus Status, DateTimeOffset StartedAt, bool Anonymous, string? Name, string? Officer, string? CaseReference,
    DateTimeOffset? FirstAnsweredAt, bool? AnsweredWithinTarget, IReadOnlyList<DeskMessageView> Messages);

/// <param name="Groups">The groups the case concerns; without them, the pack's <c>virtualDesk.caseGroups</c>.</param>
/// <param name="Needs">The needs; without them, the pack's <c>virtualDesk.caseNeeds</c>.</param>
public sealed record OpenCaseFromChatCommand(IReadOnlyList<string>? Groups, IReadOnlyList<string>? Needs);

/// <summary>
/// The desk's side of the virtual desk (ADR-070): the chats of the desk's centre, read (audited) and
/// answered by a protection officer there. The first officer to answer holds the chat; once a case is
/// opened from it, its readers are the case's (assigned and granted officers). Opening the case is one
/// action: the case takes the chat's centre, the name if one was given, the pack's default group and
/// need unless the officer chose, and the whole transcript, sealed; the officer is assigned it.
/// </summary>
public sealed class AnswerChatsHandler(
    NigehbanDbContext db, ProtectionPack pack, CurrentUser user, TimeProvider clock, FieldCipher cipher, VirtualDeskSignals signals,
    ChatTranscript transcript, AllocateReferenceNumber references, DeadlineCalculator deadlines)
{
    public async Task<PagedList<ChatSummary>> ListAsync(int? page, int? pageSize, CancellationToken cancellationToken)
    {
        Desk();
        var query = db.Set<VirtualDeskChat>().AsNoTracking()
            .OrderBy(c => c.Status == VirtualDeskChatStatus.Waiting ? 0 : 1).ThenByDescending(c => c.LastMessageAt).ThenBy(c => c.Id);
        return await PagedList<ChatSummary>.CreateAsync(query,
            c => new ChatSummary(c.Id, c.Status, c.StartedAt, c.LastMessageAt, c.MessageCount, c.Anonymous, c.OfficerUserName, c.CaseReference),
            page ?? 1, pageSize ?? PagedList<ChatSummary>.DefaultPageSize, cancellationToken);
    }

    /// <param name="audit">False for a page's re-read of a chat it already shows (the opening read was audited).</param>
    public async Task<ChatDetail> GetAsync(Guid id, CancellationToken cancellationToken, bool audit = true)
    {
        var chat = await WorkableAsync(id, cancellationToken);
        if (audit)
        {
            db.Audit.Record(new AuditEntry("virtual-desk-chat.read", nameof(VirtualDeskChat), chat.Id.ToString(), UnitPath: chat.UnitPath));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Detail(chat);
    }

    public async Task<DeskMessageView> AnswerAsync(Guid id, ChatMessageCommand command, CancellationToken cancellationToken)
    {
        var desk = Desk();
        var chat = await WorkableAsync(id, cancellationToken);
        var text = TalkToTheDeskHandler.MessageText(command?.Text, desk);
        var now = clock.GetUtcNow();
        chat.AnsweredBy(user.AccountId!.Value, user.UserName ?? "", now, desk.AnswerWithin);
        var message = chat.Add(Guid.CreateVersion7(now), fromCitizen: false, user.UserName, m => cipher.Seal(text, m.TextContext), now);
        await transcript.AppendAsync(chat, message, text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        signals.Changed(chat);
        return new DeskMessageView(message.Sequence, false, message.OfficerUserName, message.At, text);
    }

    public async Task<OpenedCase> OpenCaseAsync(Guid id, OpenCaseFromChatCommand command, CancellationToken cancellationToken)
    {
        var desk = Desk();
        var chat = await WorkableAsync(id, cancellationToken);
        chat.EnsureNoCase();
        var groups = OpenCaseHandler.Codes(command?.Groups is { Count: > 0 } g ? g : desk.CaseGroups, "groups", pack.Groups.Select(x => x.Code), "Groups");
        var needs = OpenCaseHandler.Codes(command?.Needs is { Count: > 0 } n ? n : desk.CaseNeeds, "needs", pack.Needs.Select(x => x.Code), "Needs");
        var centre = pack.Centre(chat.UnitCode) ?? throw new NotFoundException("id", ProtectionErrors.Text("Chat.NotFound"));
        var now = clock.GetUtcNow();
        var reference = (await references.NextAsync(pack.ReferencePrefix, chat.UnitCode, cancellationToken)).ToString();
        var protectionCase = new ProtectionCase
        {
            Id = Guid.CreateVersion7(now),
            Reference = reference,
            UnitCode = chat.UnitCode,
            UnitPath = chat.UnitPath,
            CentreType = centre.Type,
            Channel = ProtectionChannel.Chat,
            Anonymous = chat.Anonymous,
            Groups = string.Join(',', groups),
            Needs = string.Join(',', needs),
            OpenedAt = now,
        };
        protectionCase.NameSealed = cipher.SealOptional(cipher.OpenOptional(chat.NameSealed, chat.NameContext), protectionCase.FieldContext("name"));
        protectionCase.TranscriptSealed = cipher.Seal(transcript.Whole(chat), protectionCase.FieldContext(ChatTranscript.Field));
        protectionCase.AssignTo(user.AccountId!.Value, user.UserName ?? "");
        var firstFollowUp = protectionCase.PlanFollowUp(ProtectionFollowUpKind.Call, deadlines.DueAt(now, pack.FirstFollowUpWithin), user.UserName ?? "", now);
        chat.CaseOpened(protectionCase.Id, reference, user.AccountId!.Value, user.UserName ?? "", now, desk.AnswerWithin);
        db.Add(protectionCase);
        await db.SaveChangesAsync(cancellationToken);
        signals.Changed(chat);
        return new OpenedCase(reference, protectionCase.Status, chat.UnitCode, firstFollowUp.DueAt, protectionCase.AssignedUserName);
    }

    private VirtualDeskSettings Desk()
    {
        ProtectionAccess.EnsureOffered(pack);
        return pack.VirtualDesk ?? throw new NotFoundException("virtual-desk", ProtectionErrors.Text("Chat.NotOffered"));
    }

    /// <summary>
    /// A chat of the caller's jurisdiction (404 otherwise) that the caller may work: one nobody holds, one
    /// the caller holds, or, once it became a case, one whose case the caller reads (403 otherwise).
    /// </summary>
    private async Task<VirtualDeskChat> WorkableAsync(Guid id, CancellationToken cancellationToken)
    {
        Desk();
        var chat = await db.Set<VirtualDeskChat>().Include(c => c.Messages).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", ProtectionErrors.Text("Chat.NotFound"));
        var me = user.AccountId;
        var mayWork = chat.CaseId is { } caseId
            ? (await db.Set<ProtectionCase>().IgnoreQueryFilters().Include(c => c.Grants).FirstAsync(c => c.Id == caseId, cancellationToken)).IsReadableBy(me)
            : chat.OfficerAccountId is null || chat.OfficerAccountId == me;
        return mayWork ? chat : throw new ForbiddenException(ProtectionErrors.Text("Chat.HeldByAnother"), "id");
    }

    private ChatDetail Detail(VirtualDeskChat c) => new(
        c.Id, c.Status, c.StartedAt, c.Anonymous, cipher.OpenOptional(c.NameSealed, c.NameContext), c.OfficerUserName, c.CaseReference,
        c.FirstAnsweredAt, c.AnsweredWithinTarget,
        [.. c.Messages.OrderBy(m => m.Sequence).Select(m => new DeskMessageView(m.Sequence, m.FromCitizen, m.OfficerUserName, m.At, cipher.Open(m.TextSealed, m.TextContext)))]);
}
