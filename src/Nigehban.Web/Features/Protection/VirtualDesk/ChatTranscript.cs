using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Protection;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <summary>
/// The chat's transcript as the case keeps it: one sealed text, a line per message (UTC time, who,
/// what). Written whole when the case is opened and extended by every later message in the same
/// save, so the case always holds the conversation and nothing of it is ever stored in the clear.
/// </summary>
public sealed class ChatTranscript(NigehbanDbContext db, FieldCipher cipher)
{
    public const string Field = "transcript";

    public static string Line(VirtualDeskMessage message, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"[{message.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z] {(message.FromCitizen ? "citizen" : "desk (" + message.OfficerUserName + ")")}: {text}\n");

    public string Whole(VirtualDeskChat chat)
    {
        var text = new StringBuilder();
        foreach (var message in chat.Messages.OrderBy(m => m.Sequence))
        {
            text.Append(Line(message, cipher.Open(message.TextSealed, message.TextContext)));
        }

        return text.ToString();
    }

    /// <summary>Adds a message to the transcript of the chat's case, if the desk opened one.</summary>
    public async Task AppendAsync(VirtualDeskChat chat, VirtualDeskMessage message, string text, CancellationToken cancellationToken)
    {
        if (chat.CaseId is not { } caseId)
        {
            return;
        }

        // The chat's own reach decides; the case is the chat's, whoever may read the case.
        var protectionCase = await db.Set<ProtectionCase>().IgnoreQueryFilters().FirstAsync(c => c.Id == caseId, cancellationToken);
        var context = protectionCase.FieldContext(Field);
        var before = cipher.OpenOptional(protectionCase.TranscriptSealed, context) ?? "";
        protectionCase.TranscriptSealed = cipher.Seal(before + Line(message, text), context);
    }
}
