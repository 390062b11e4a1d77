namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <summary>
/// Tells the open chat pages of this process that a chat changed (a message, an answer, a case), so
/// both sides see it at once. Pages also re-read every few seconds, which covers a change made by
/// another instance of the application (ADR-070). Carries no content: a page re-reads through its handler.
/// </summary>
public sealed class VirtualDeskSignals
{
    public event Action<VirtualDeskChange>? ChatChanged;

    public void Changed(VirtualDeskChat chat) => ChatChanged?.Invoke(new VirtualDeskChange(chat.Id, chat.CodeHash));
}

/// <summary>Which chat changed: by its id for the desk's pages, by its code's hash for the citizen's page that holds the code.</summary>
public sealed record VirtualDeskChange(Guid ChatId, string CodeHash);
