using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Protection;

/// <summary>The <c>virtualDesk</c> section of protection.json as written.</summary>
public sealed class VirtualDeskFile
{
    public string? Centre { get; set; }
    public int? AnswerWithinMinutes { get; set; }
    public int? MessageMaxLength { get; set; }
    public int? MessagesPerMinute { get; set; }
    public string? PanicExitUrl { get; set; }
    public List<string>? CaseGroups { get; set; }
    public List<string>? CaseNeeds { get; set; }
}

/// <summary>
/// The virtual desk as the pack runs it (ADR-070): the centre whose protection officers answer the
/// chats, the time within which a first answer counts as on target, the longest message, the neutral
/// page the panic exit replaces the chat with, the group and need a chat's case starts with, and how many
/// messages a citizen may send to one conversation in a minute (ADR-076).
/// </summary>
public sealed record VirtualDeskSettings(
    string Centre, int AnswerWithinMinutes, int MessageMaxLength, Uri PanicExitUrl, IReadOnlyList<string> CaseGroups, IReadOnlyList<string> CaseNeeds,
    int MessagesPerMinute = VirtualDeskSettings.DefaultMessagesPerMinute)
{
    public const int DefaultMessagesPerMinute = 20;

    public const int LongestMessageAllowed = 4000;

    public TimeSpan AnswerWithin => TimeSpan.FromMinutes(AnswerWithinMinutes);

    internal static VirtualDeskSettings Read(PackFileReader reader, VirtualDeskFile file, ProtectionPack pack)
    {
        var centre = pack.Centre(file.Centre) ?? throw reader.Fail(string.IsNullOrEmpty(file.Centre) ? "virtualDesk" : file.Centre, "virtualDesk.centre: name one of the centres declared above");
        var minutes = file.AnswerWithinMinutes ?? 5;
        if (minutes is < 1 or > 24 * 60)
        {
            throw reader.Fail("answerWithinMinutes", "virtualDesk.answerWithinMinutes: between 1 and 1440 minutes");
        }

        var longest = file.MessageMaxLength ?? 2000;
        if (longest is < 100 or > LongestMessageAllowed)
        {
            throw reader.Fail("messageMaxLength", $"virtualDesk.messageMaxLength: between 100 and {LongestMessageAllowed} characters");
        }

        if (!Uri.TryCreate(file.PanicExitUrl, UriKind.Absolute, out var exit) || (exit.Scheme != Uri.UriSchemeHttps && exit.Scheme != Uri.UriSchemeHttp))
        {
            throw reader.Fail("panicExitUrl", "virtualDesk.panicExitUrl: an absolute http(s) address of a neutral site the panic exit opens instead of the chat");
        }

        var perMinute = file.MessagesPerMinute ?? DefaultMessagesPerMinute;
        if (perMinute is < 1 or > 600)
        {
            throw reader.Fail("messagesPerMinute", "virtualDesk.messagesPerMinute: between 1 and 600 messages a minute");
        }

        var groups = file.CaseGroups ?? [];
        var needs = file.CaseNeeds ?? [];
        if (groups.Count == 0 || groups.Any(g => pack.Group(g) is null))
        {
            throw reader.Fail("caseGroups", "virtualDesk.caseGroups: one or more of the groups declared above");
        }

        if (needs.Count == 0 || needs.Any(n => pack.Need(n) is null))
        {
            throw reader.Fail("caseNeeds", "virtualDesk.caseNeeds: one or more of the needs declared above");
        }

        return new VirtualDeskSettings(centre.UnitCode, minutes, longest, exit, groups, needs, perMinute);
    }
}
